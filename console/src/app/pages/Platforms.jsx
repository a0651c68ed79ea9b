import { useEffect, useState } from 'react';
import { api } from '../api.js';
import Problem from '../Problem.jsx';
import { Link } from '../router.jsx';

export default function Platforms() {
  const [document, setDocument] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => { api('/api/platforms').then(setDocument, setError); }, []);
  if (error) return <Problem error={error} />;
  if (!document) return <p>Loading…</p>;
  return (
    <section id="platforms">
      <h2>Platforms</h2>
      <p>The stores this host can connect to, one plugin each.</p>
      <table>
        <thead><tr><th>Platform</th><th>Plugin</th><th>Description</th><th /></tr></thead>
        <tbody>
          {document.platforms.map((p) => (
            <tr key={p.id} data-testid={`platform-${p.id}`}>
              <td><strong>{p.name}</strong><br /><code>{p.id}</code></td>
              <td>{p.plugin} {p.pluginVersion}</td>
              <td>{p.description}</td>
              <td><Link className="button" to={`/connections/new?platform=${encodeURIComponent(p.id)}`}
                id={`add-${p.id}`}>Add connection</Link></td>
            </tr>
          ))}
        </tbody>
      </table>
      {document.failed?.length > 0 && (
        <>
          <h3>Plugins that did not load</h3>
          <ul>{document.failed.map((f) => <li key={f.source}><code>{f.source}</code>: {f.reason}</li>)}</ul>
        </>
      )}
    </section>
  );
}
