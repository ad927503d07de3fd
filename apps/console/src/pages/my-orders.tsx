import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, describeError } from '../api';
import { shortId } from '../format';
import { currencyExponent, formatMoney, parseDecimalToMinor } from '../money';
import { Link, useQueryState } from '../router';
import type { RetailerOrder } from '../types';
import {
  Dl,
  Field,
  FilterSelect,
  Filters,
  Money,
  Notice,
  Page,
  Pager,
  QueryView,
  Status,
  Table,
  Time,
  useCursorList,
} from '../ui';
import { Lines, Timeline } from './order-parts';

const STATUSES = ['pending', 'submitted', 'accepted', 'refused', 'shipped', 'delivered', 'cancelled', 'failed'];

export function MyOrdersPage() {
  const [params, update] = useQueryState();
  const filters = {
    status: params.get('status') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const list = useCursorList<RetailerOrder>('my-orders', '/v1/retailer/orders', filters);
  const filtered = Object.values(filters).some(Boolean);
  return (
    <Page
      title="Orders"
      description="Orders for your shop. Accept or refuse them before their deadline, then ship them with tracking."
    >
      <Filters>
        <FilterSelect name="status" label="Status" options={STATUSES} />
        {filtered ? (
          <button type="button" className="link-button" onClick={() => update({ status: null, from: null, to: null })}>
            Clear filters
          </button>
        ) : null}
      </Filters>
      <QueryView query={list} what="your orders">
        {(page) => (
          <>
            <Table
              caption="Your orders"
              rows={page.items}
              rowKey={(order) => order.id}
              empty={
                filtered ? (
                  <>No orders match this filter. Clear it to see all your orders.</>
                ) : (
                  <>No orders yet. They appear here as soon as a buyer checks out with your offers.</>
                )
              }
              columns={[
                {
                  header: 'Order',
                  cell: (order) => <Link to={`/retailer/orders/${order.id}`}>{shortId(order.id)}</Link>,
                },
                { header: 'Placed', cell: (order) => <Time iso={order.createdAt} /> },
                { header: 'Status', cell: (order) => <Status value={order.status} /> },
                {
                  header: 'Items',
                  cell: (order) => order.lines.map((line) => `${line.quantity} × ${line.title}`).join(', '),
                },
                {
                  header: 'Total',
                  cell: (order) => <Money minor={order.totalMinor} currency={order.currency} />,
                  className: 'num',
                },
                {
                  header: 'Accept by',
                  cell: (order) =>
                    ['pending', 'submitted'].includes(order.status) ? <Time iso={order.acceptBy} /> : '—',
                },
              ]}
            />
            <Pager nextCursor={page.nextCursor} />
          </>
        )}
      </QueryView>
    </Page>
  );
}

type Action =
  | { kind: 'accept' }
  | { kind: 'refuse'; reason: string }
  | { kind: 'ship'; carrier: string; trackingNumber: string; trackingUrl: string }
  | { kind: 'deliver' }
  | { kind: 'refund'; amountMinor: string; reason: string };

export function MyOrderPage({ params }: { params: Record<string, string> }) {
  const client = useQueryClient();
  const order = useQuery({
    queryKey: ['my-order', params.id],
    queryFn: () => api.get<RetailerOrder>(`/v1/retailer/orders/${params.id}`),
  });
  const [message, setMessage] = useState<{ tone: 'good' | 'bad'; text: string } | null>(null);
  const act = useMutation({
    mutationFn: (action: Action) => {
      const path = `/v1/retailer/orders/${params.id}`;
      switch (action.kind) {
        case 'accept':
          return api.post(`${path}/accept`, {});
        case 'refuse':
          return api.post(`${path}/refuse`, { reason: action.reason });
        case 'ship':
          return api.post(`${path}/ship`, {
            carrier: action.carrier,
            number: action.trackingNumber,
            ...(action.trackingUrl ? { url: action.trackingUrl } : {}),
          });
        case 'deliver':
          return api.post(`${path}/deliver`);
        case 'refund':
          return api.post(`${path}/refunds`, { amountMinor: action.amountMinor, reason: action.reason });
      }
    },
    onSuccess: async (_result, action) => {
      const done: Record<Action['kind'], string> = {
        accept: 'Order accepted. Ship it when it leaves your warehouse.',
        refuse: 'Order refused.',
        ship: 'Marked as shipped; the buyer gets the tracking.',
        deliver: 'Marked as delivered.',
        refund: 'Refund recorded.',
      };
      setMessage({ tone: 'good', text: done[action.kind] });
      await client.invalidateQueries({ queryKey: ['my-order', params.id] });
      await client.invalidateQueries({ queryKey: ['my-orders'] });
    },
    onError: (error) => setMessage({ tone: 'bad', text: describeError(error) }),
  });
  return (
    <QueryView query={order} what="the order">
      {(data) => (
        <Page title={`Order ${shortId(data.id)}`} description={<Link to="/retailer/orders">All your orders</Link>}>
          {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
          <section className="card" aria-labelledby="order-facts">
            <h2 id="order-facts">
              Order <Status value={data.status} />
            </h2>
            <Dl
              items={[
                ['Placed', <Time key="p" iso={data.createdAt} />],
                ['Total', <Money key="t" minor={data.totalMinor} currency={data.currency} />],
                ['Refunded', <Money key="r" minor={data.refundedMinor} currency={data.currency} />],
                ['Accept by', <Time key="a" iso={data.acceptBy} />],
                [
                  'Customer',
                  data.customer
                    ? [data.customer.name, data.customer.email, data.customer.phone].filter(Boolean).join(' · ')
                    : '—',
                ],
                [
                  'Ship to',
                  data.shippingAddress
                    ? `${data.shippingAddress.name}, ${data.shippingAddress.line1}, ` +
                      `${data.shippingAddress.postalCode} ${data.shippingAddress.city}, ` +
                      `${data.shippingAddress.country}`
                    : '—',
                ],
                ['Tracking', data.tracking?.number ? `${data.tracking.carrier ?? ''} ${data.tracking.number}` : '—'],
              ]}
            />
            <Lines order={data} />
          </section>
          <OrderActions order={data} busy={act.isPending} onAction={(action) => act.mutate(action)} />
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">Status timeline</h2>
            <Timeline history={data.history} />
          </section>
        </Page>
      )}
    </QueryView>
  );
}

function OrderActions({
  order,
  busy,
  onAction,
}: {
  order: RetailerOrder;
  busy: boolean;
  onAction: (action: Action) => void;
}) {
  const [reason, setReason] = useState('');
  const [ship, setShip] = useState({ carrier: '', trackingNumber: '', trackingUrl: '' });
  const [refund, setRefund] = useState({ amount: '', reason: '' });
  const [error, setError] = useState<string | null>(null);
  const decidable = order.status === 'pending' || order.status === 'submitted';
  const shippable = order.status === 'accepted';
  const refundable = ['accepted', 'shipped', 'delivered'].includes(order.status);
  if (!decidable && !shippable && !refundable) return null;

  function submitShip(event: FormEvent) {
    event.preventDefault();
    if (!ship.carrier.trim() || !ship.trackingNumber.trim())
      return setError('Give the carrier and the tracking number.');
    setError(null);
    onAction({
      kind: 'ship',
      carrier: ship.carrier.trim(),
      trackingNumber: ship.trackingNumber.trim(),
      trackingUrl: ship.trackingUrl.trim(),
    });
  }
  function submitRefund(event: FormEvent) {
    event.preventDefault();
    const exponent = currencyExponent(order.currency);
    const amountMinor = parseDecimalToMinor(refund.amount, exponent);
    if (!amountMinor || amountMinor === '0')
      return setError(
        `Write the refund as an amount such as ${formatMoney('500', order.currency)} (at most ${exponent} decimals).`,
      );
    if (!refund.reason.trim()) return setError('Say why you refund.');
    setError(null);
    onAction({ kind: 'refund', amountMinor, reason: refund.reason.trim() });
  }

  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">What to do</h2>
      {error ? <Notice tone="bad">{error}</Notice> : null}
      {decidable ? (
        <div className="action-block">
          <button type="button" onClick={() => onAction({ kind: 'accept' })} disabled={busy}>
            Accept order
          </button>
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (!reason.trim()) return setError('Say why you refuse the order: the buyer is told.');
              setError(null);
              onAction({ kind: 'refuse', reason: reason.trim() });
            }}
          >
            <Field label="Reason to refuse">
              {(props) => (
                <input
                  {...props}
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                  placeholder="Out of stock"
                />
              )}
            </Field>
            <button type="submit" className="danger" disabled={busy}>
              Refuse order
            </button>
          </form>
        </div>
      ) : null}
      {shippable ? (
        <form className="form form-grid" onSubmit={submitShip} aria-label="Ship with tracking">
          <h3 className="span-all">Ship with tracking</h3>
          <Field label="Carrier">
            {(props) => (
              <input
                {...props}
                name="carrier"
                value={ship.carrier}
                onChange={(event) => setShip({ ...ship, carrier: event.target.value })}
                placeholder="PostNL"
              />
            )}
          </Field>
          <Field label="Tracking number">
            {(props) => (
              <input
                {...props}
                name="trackingNumber"
                value={ship.trackingNumber}
                onChange={(event) => setShip({ ...ship, trackingNumber: event.target.value })}
              />
            )}
          </Field>
          <Field label="Tracking URL (optional)">
            {(props) => (
              <input
                {...props}
                name="trackingUrl"
                type="url"
                value={ship.trackingUrl}
                onChange={(event) => setShip({ ...ship, trackingUrl: event.target.value })}
              />
            )}
          </Field>
          <div className="form-actions span-all">
            <button type="submit" disabled={busy}>
              Mark as shipped
            </button>
          </div>
        </form>
      ) : null}
      {order.status === 'shipped' ? (
        <p>
          <button type="button" className="secondary" onClick={() => onAction({ kind: 'deliver' })} disabled={busy}>
            Mark as delivered
          </button>
        </p>
      ) : null}
      {refundable ? (
        <form className="form form-grid" onSubmit={submitRefund} aria-label="Refund">
          <h3 className="span-all">Refund</h3>
          <Field label={`Amount (${order.currency})`}>
            {(props) => (
              <input
                {...props}
                name="amount"
                inputMode="decimal"
                value={refund.amount}
                onChange={(event) => setRefund({ ...refund, amount: event.target.value })}
              />
            )}
          </Field>
          <Field label="Reason">
            {(props) => (
              <input
                {...props}
                name="reason"
                value={refund.reason}
                onChange={(event) => setRefund({ ...refund, reason: event.target.value })}
              />
            )}
          </Field>
          <div className="form-actions span-all">
            <button type="submit" className="secondary" disabled={busy}>
              Refund
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
