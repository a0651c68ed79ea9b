import { useEffect, useState } from 'react';
import { api, seg } from '../api.js';
import Problem from '../Problem.jsx';
import { Link } from '../router.jsx';

const PAGE = 10;

export default function Orders({ name }) {
  const [q, setQ] = useState('');
  const [state, setState] = useState('');
  const [query, setQuery] = useState({ q: '', state: '' });
  // Keyset paging: the `after` of each page seen, so "Previous" goes back without offsets.
  const [afters, setAfters] = useState([null]);
  const [page, setPage] = useState(null);
  const [error, setError] = useState(null);
  const after = afters[afters.length - 1];

  useEffect(() => {
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (query.q) params.set('q', query.q);
    if (query.state) params.set('state', query.state);
    if (after) params.set('after', after);
    setError(null);
    api(`/api/connections/${seg(name)}/orders?${params}`).then(setPage, setError);
  }, [name, query, after]);

  function search(event) {
    event.preventDefault();
    setAfters([null]);
    setQuery({ q: q.trim(), state });
  }

  return (
    <section id="orders">
      <h2>Orders of {name}</h2>
      <form className="filters" onSubmit={search} role="search">
        <label htmlFor="order-search">Order number or e-mail</label>
        <input id="order-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <label htmlFor="order-state">State</label>
        <select id="order-state" value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">any</option>
          <option value="open">open</option>
          <option value="partly_shipped">partly shipped</option>
          <option value="shipped">shipped</option>
        </select>
        <button type="submit" id="order-search-submit">Search</button>
      </form>
      <Problem error={error} />
      {page && (
        <>
          <table data-testid="orders-table">
            <thead><tr><th>Order</th><th>Placed</th><th>Status</th><th>State</th><th>Customer</th><th>Lines</th><th>Total</th></tr></thead>
            <tbody>
              {page.orders.map((o) => (
                <tr key={o.orderNumber} className="order-row">
                  <td><Link to={`/connections/${seg(name)}/orders/${seg(o.orderNumber)}`}>{o.orderNumber}</Link></td>
                  <td>{o.placedAt ? new Date(o.placedAt).toLocaleString() : ''}</td>
                  <td>{o.status}</td>
                  <td>{o.fulfilment}</td>
                  <td>{o.email}</td>
                  <td>{o.lines}</td>
                  <td className="number">{o.grandTotal != null ? `${o.grandTotal} ${o.currency || ''}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.orders.length === 0 && <p>No orders match.</p>}
          <nav className="pager">
            <button type="button" id="orders-previous" disabled={afters.length < 2}
              onClick={() => setAfters(afters.slice(0, -1))}>Previous</button>
            <span>Page {afters.length}</span>
            <button type="button" id="orders-next" disabled={!page.next}
              onClick={() => setAfters([...afters, page.next])}>Next</button>
          </nav>
        </>
      )}
    </section>
  );
}
