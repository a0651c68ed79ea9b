import { useEffect, useState } from 'react';
import { api, seg } from '../api.js';
import Problem from '../Problem.jsx';
import { Link } from '../router.jsx';
import { useOrder } from './Order.jsx';

/** A random UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
function uuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const CARRIERS = ['ups', 'fedex', 'dhl', 'usps', 'custom'];

export default function Ship({ name, number }) {
  const [imported, loadError] = useOrder(name, number);
  // One key per form: a second click (or a retry after a lost answer) is the same shipment.
  const [key] = useState(uuid);
  const [carrier, setCarrier] = useState('ups');
  const [tracking, setTracking] = useState('');
  const [notify, setNotify] = useState(false);
  const [quantities, setQuantities] = useState(null);
  const [sending, setSending] = useState(false);
  const [shipment, setShipment] = useState(null);
  const [answers, setAnswers] = useState(0);
  const [error, setError] = useState(null);

  const lines = (imported?.order.lines || []).filter((line) => !line.parentLineId);
  useEffect(() => {
    if (imported && quantities === null) {
      setQuantities(Object.fromEntries(lines.map((line) => [line.lineId, String(line.quantityToShip)])));
    }
  }, [imported]); // eslint-disable-line react-hooks/exhaustive-deps

  if (loadError) return <Problem error={loadError} />;
  if (!imported || quantities === null) return <p>Loading…</p>;

  async function send(event) {
    event.preventDefault();
    setSending(true);
    setError(null);
    const body = {
      order: imported.order.orderNumber,
      tracking: [{ carrier, number: tracking }],
      lines: lines.filter((line) => quantities[line.lineId] !== '' && Number(quantities[line.lineId]) > 0)
        .map((line) => ({ sku: line.sku, lineId: line.lineId, quantity: Number(quantities[line.lineId]) })),
      notify,
    };
    try {
      setShipment(await api(`/api/connections/${seg(name)}/shipments`, {
        method: 'POST', body, headers: { 'Idempotency-Key': key } }));
      setAnswers((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  }

  return (
    <section id="ship">
      <h2>Ship order <Link to={`/connections/${seg(name)}/orders/${seg(number)}`}>{imported.order.orderNumber}</Link></h2>
      <form onSubmit={send} id="ship-form">
        <div className="form-group">
          <label htmlFor="carrier">Carrier</label>
          <select id="carrier" value={carrier} onChange={(e) => setCarrier(e.target.value)}>
            {CARRIERS.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor="tracking-number">Tracking number</label>
          <input id="tracking-number" value={tracking} onChange={(e) => setTracking(e.target.value)} autoComplete="off" />
        </div>
        <table data-testid="ship-lines">
          <thead><tr><th>SKU</th><th>Name</th><th>To ship</th><th>Quantity</th></tr></thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.lineId}>
                <td><code>{line.sku}</code></td><td>{line.name}</td><td className="number">{line.quantityToShip}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`qty-${line.lineId}`}>Quantity of {line.sku}</label>
                  <input id={`qty-${line.lineId}`} className="quantity" type="number" min="0" step="any"
                    value={quantities[line.lineId]}
                    onChange={(e) => setQuantities({ ...quantities, [line.lineId]: e.target.value })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="form-group checkbox">
          <input id="notify-customer" type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
          <label htmlFor="notify-customer">E-mail the customer</label>
        </div>
        <button type="submit" id="send-shipment" disabled={sending}>{sending ? 'Sending…' : 'Send shipment'}</button>
      </form>
      <Problem error={error} />
      {shipment && (
        <div className="shipment" data-testid="shipment-result" data-id={shipment.id} data-state={shipment.state}
          data-answers={answers}>
          <p>Shipment {shipment.id}: <strong className={shipment.state === 'sent' ? 'ok' : 'bad'}>{shipment.state}</strong>
            {shipment.remoteId && <> as {shipment.remoteId} on the store</>}
            {shipment.alreadyExisted && <> (the store already had it)</>}, after {shipment.attempts} attempt(s).</p>
          {shipment.lastError && <p className="bad">{shipment.lastError}</p>}
          <p className="muted">Outbox state: {shipment.state}; sent again with the same key, this form gives this same shipment.</p>
        </div>
      )}
    </section>
  );
}
