import { useEffect, useState } from 'react';
import { api, seg } from '../api.js';
import Problem from '../Problem.jsx';
import { Link } from '../router.jsx';

export function useOrder(name, number) {
  const [order, setOrder] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api(`/api/connections/${seg(name)}/orders/${seg(number)}`).then(setOrder, setError);
  }, [name, number]);
  return [order, error];
}

export default function Order({ name, number }) {
  const [imported, error] = useOrder(name, number);
  if (error) return <Problem error={error} />;
  if (!imported) return <p>Loading…</p>;
  const order = imported.order;
  return (
    <section id="order">
      <h2>Order {order.orderNumber}</h2>
      <dl className="facts">
        <dt>Connection</dt><dd>{imported.connection}</dd>
        <dt>Placed</dt><dd>{order.placedAt ? new Date(order.placedAt).toLocaleString() : ''}</dd>
        <dt>Status</dt><dd>{order.status}</dd>
        <dt>Fulfilment</dt><dd data-testid="fulfilment">{imported.fulfilment}</dd>
        <dt>Customer</dt><dd>{order.customer?.email}</dd>
        <dt>Total</dt><dd>{order.totals ? `${order.totals.grandTotal} ${order.totals.currency}` : ''}</dd>
      </dl>
      <h3>Lines</h3>
      <table data-testid="order-lines">
        <thead><tr><th>SKU</th><th>Name</th><th>Ordered</th><th>To ship</th><th>Unit price</th></tr></thead>
        <tbody>
          {(order.lines || []).map((line) => (
            <tr key={line.lineId} className="line-row">
              <td><code>{line.sku}</code></td><td>{line.name}</td>
              <td className="number">{line.quantityOrdered}</td><td className="number">{line.quantityToShip}</td>
              <td className="number">{line.unitPrice}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p><Link className="button" id="ship-order" to={`/connections/${seg(name)}/orders/${seg(number)}/ship`}>Ship this order</Link></p>
    </section>
  );
}
