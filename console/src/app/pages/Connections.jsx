import { useEffect, useRef, useState } from 'react';
import { api, seg } from '../api.js';
import Problem from '../Problem.jsx';
import { Link } from '../router.jsx';

function Steps({ check }) {
  return (
    <div className="check" data-testid="check-result">
      <p className={check.passed ? 'ok' : 'bad'}>{check.passed ? 'All checks passed' : 'A check failed'}</p>
      <ol className="steps">
        {check.steps.map((step) => (
          <li key={step.code} className={`step ${step.outcome}`} data-code={step.code} data-outcome={step.outcome}>
            <span className="outcome">{step.outcome}</span> <strong>{step.title}</strong> <code>{step.code}</code>
            {step.detail && <div>{step.detail}</div>}
            {step.remedy && <div className="remedy">Remedy: {step.remedy}</div>}
          </li>
        ))}
      </ol>
    </div>
  );
}

function RunView({ run }) {
  const running = run.result === 'running';
  const progress = run.progress;
  return (
    <div className="run" data-testid="import-run" data-result={run.result}>
      {running ? (
        <p>Importing… {progress ? `${progress.done} of ${progress.total < 0 ? '?' : progress.total} orders` : ''}
          {progress && progress.total > 0 && <progress max={progress.total} value={progress.done} />}</p>
      ) : (
        <p>Import run {run.id} <strong className={run.result === 'succeeded' ? 'ok' : 'bad'}>{run.result}</strong>:
          {' '}<span data-testid="imported">{run.imported}</span> imported, {run.alreadyImported} already there,
          {' '}{run.heldBack} held back, {run.failed} unreadable, {run.found} found
          {run.durationMs != null && ` in ${(run.durationMs / 1000).toFixed(1)} s`}.</p>
      )}
      {run.error && <p className="bad">{run.error}</p>}
    </div>
  );
}

function Connection({ connection }) {
  const name = connection.name;
  const [check, setCheck] = useState(null);
  const [run, setRun] = useState(null);
  const [error, setError] = useState(null);
  const [testing, setTesting] = useState(false);
  const timer = useRef(null);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function test() {
    setTesting(true);
    setError(null);
    setCheck(null);
    try {
      setCheck(await api(`/api/connections/${seg(name)}/test`, { method: 'POST' }));
    } catch (e) {
      setError(e);
    } finally {
      setTesting(false);
    }
  }

  async function poll(id) {
    try {
      const now = await api(`/api/connections/${seg(name)}/imports/${id}`);
      setRun(now);
      if (now.result === 'running') timer.current = setTimeout(() => poll(id), 300);
    } catch (e) {
      setError(e);
    }
  }

  async function importNow() {
    setError(null);
    try {
      const started = await api(`/api/connections/${seg(name)}/imports`, { method: 'POST' });
      setRun(started);
      if (started.result === 'running') timer.current = setTimeout(() => poll(started.id), 300);
    } catch (e) {
      setError(e);
    }
  }

  const importing = run?.result === 'running';
  return (
    <li className="connection" data-testid={`connection-${name}`}>
      <header>
        <h3>{name}</h3> <span className="muted">{connection.platform}, since {new Date(connection.createdAt).toLocaleString()}</span>
      </header>
      <nav className="actions">
        <button type="button" className="test" onClick={test} disabled={testing}>{testing ? 'Testing…' : 'Test'}</button>
        <button type="button" className="import" onClick={importNow} disabled={importing}>
          {importing ? 'Importing…' : 'Import now'}</button>
        <Link to={`/connections/${seg(name)}/status`} className="status-link">Review order status</Link>
        <Link to={`/connections/${seg(name)}/orders`} className="orders-link">Orders</Link>
      </nav>
      {check && <Steps check={check} />}
      {run && <RunView run={run} />}
      <Problem error={error} />
    </li>
  );
}

export default function Connections({ created }) {
  const [list, setList] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => { api('/api/connections').then((d) => setList(d.connections), setError); }, []);
  if (error) return <Problem error={error} />;
  if (!list) return <p>Loading…</p>;
  return (
    <section id="connections">
      <h2>Connections</h2>
      {created && <p className="ok" role="status">Connection {created} created.</p>}
      {list.length === 0 && <p>No connections yet. <Link to="/">Add one from a platform.</Link></p>}
      <ul className="connections">{list.map((c) => <Connection key={c.name} connection={c} />)}</ul>
    </section>
  );
}
