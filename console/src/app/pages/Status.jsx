import { useEffect, useState } from 'react';
import { api, seg } from '../api.js';
import Problem from '../Problem.jsx';
import { Link } from '../router.jsx';

const WIDTH = 640;
const HEIGHT = 160;
const PAD = 28;

/** Imports over time: one bar per run, oldest on the left, its height the orders it imported. */
export function ImportChart({ runs }) {
  const ordered = [...runs].reverse();
  if (ordered.length === 0) return <p className="muted">No import runs yet.</p>;
  const most = Math.max(1, ...ordered.map((r) => r.imported));
  const slot = (WIDTH - PAD * 2) / ordered.length;
  const bar = Math.max(2, Math.min(36, slot * 0.7));
  const first = new Date(ordered[0].startedAt);
  const last = new Date(ordered[ordered.length - 1].startedAt);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" data-testid="imports-chart"
        aria-label={`Orders imported by the last ${ordered.length} import runs`}>
        <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} className="axis" />
        <text x={PAD - 4} y={PAD} className="label" textAnchor="end">{most}</text>
        <text x={PAD - 4} y={HEIGHT - PAD} className="label" textAnchor="end">0</text>
        {ordered.map((run, index) => {
          const height = ((HEIGHT - PAD * 2) * run.imported) / most;
          const x = PAD + slot * index + (slot - bar) / 2;
          return (
            <rect key={run.id} x={x} y={HEIGHT - PAD - height} width={bar} height={Math.max(height, 1)}
              className={`bar ${run.result}`} data-imported={run.imported}>
              <title>{`Run ${run.id}, ${new Date(run.startedAt).toLocaleString()}: ${run.result}, ${run.imported} imported`}</title>
            </rect>
          );
        })}
        <text x={PAD} y={HEIGHT - 8} className="label">{first.toLocaleString()}</text>
        <text x={WIDTH - PAD} y={HEIGHT - 8} className="label" textAnchor="end">{last.toLocaleString()}</text>
      </svg>
      <figcaption>Orders imported per run, oldest left; failed runs in red.</figcaption>
    </figure>
  );
}

function Count({ id, label, value, warn }) {
  return (
    <div className={`count${warn && value > 0 ? ' warn' : ''}`}>
      <span className="number" data-testid={id}>{value}</span>
      <span className="what">{label}</span>
    </div>
  );
}

export default function Status({ name }) {
  const [status, setStatus] = useState(null);
  const [runs, setRuns] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    Promise.all([api('/api/status'), api(`/api/connections/${seg(name)}/imports?limit=30`)]).then(([all, recent]) => {
      const mine = all.connections.find((c) => c.connection.toLowerCase() === name.toLowerCase());
      if (!mine) throw new Error(`There is no connection named ${name}`);
      setStatus(mine);
      setRuns(recent.runs);
    }).catch(setError);
  }, [name]);
  if (error) return <Problem error={error} />;
  if (!status) return <p>Loading…</p>;
  const last = status.lastImport;
  return (
    <section id="status">
      <h2>Review order status: {status.connection}</h2>
      <p className="muted">{status.platform} · <Link to={`/connections/${seg(name)}/orders`}>orders</Link></p>
      <h3>Last import</h3>
      {last ? (
        <p data-testid="last-import">Run {last.id}, started {new Date(last.startedAt).toLocaleString()}:{' '}
          <strong className={last.result === 'succeeded' ? 'ok' : 'bad'}>{last.result}</strong>,
          {' '}{last.imported} imported of {last.found} found.</p>
      ) : <p data-testid="last-import">Never imported.</p>}
      <h3>Orders by state</h3>
      <div className="counts">
        <Count id="orders-total" label="orders" value={status.orders.total} />
        <Count id="orders-open" label="open" value={status.orders.open} />
        <Count id="orders-partly_shipped" label="partly shipped" value={status.orders.partly_shipped} />
        <Count id="orders-shipped" label="shipped" value={status.orders.shipped} />
      </div>
      <h3>Shipments</h3>
      <div className="counts">
        {Object.entries(status.shipments).map(([state, count]) => (
          <Count key={state} id={`shipments-${state}`} label={state} value={count}
            warn={state === 'pending' || state === 'failed' || state === 'rejected'} />
        ))}
      </div>
      <h3>Last error</h3>
      <p data-testid="last-error">{status.lastError
        ? `${new Date(status.lastError.at).toLocaleString()}: ${status.lastError.message}` : 'None.'}</p>
      {status.unreadableOrders.length > 0 && (
        <>
          <h3>Unreadable orders</h3>
          <ul>{status.unreadableOrders.map((u) => <li key={u.platformOrderId}>{u.platformOrderId}: {u.reason}</li>)}</ul>
        </>
      )}
      <h3>Imports over time</h3>
      <ImportChart runs={runs} />
    </section>
  );
}
