import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, describeError } from '../api';
import { shortId } from '../format';
import { Link, useQueryState } from '../router';
import type { Order, RetailerOrder, RoutingAttempt } from '../types';
import {
  Dl,
  Empty,
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
import { useRetailerNames } from './catalog';
import { Lines, Timeline } from './order-parts';

const ORDER_STATUSES = ['failed', 'pending', 'submitted', 'accepted', 'shipped', 'delivered', 'cancelled'];

/** A datetime-local input bound to an ISO instant in the URL (shown in the viewer's zone). */
function InstantFilter({ name, label }: { name: string; label: string }) {
  const [params, update] = useQueryState();
  const iso = params.get(name);
  const local = iso ? toLocalInput(iso) : '';
  return (
    <Field label={label}>
      {(props) => (
        <input
          {...props}
          type="datetime-local"
          value={local}
          onChange={(event) => {
            const value = event.target.value;
            update({ [name]: value ? new Date(value).toISOString() : null });
          }}
        />
      )}
    </Field>
  );
}

function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

export function OrdersPage() {
  const [params, update] = useQueryState();
  const retailers = useRetailerNames(true);
  const filters = {
    status: params.get('status') ?? undefined,
    retailerId: params.get('retailerId') ?? undefined,
    channelId: params.get('channelId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const list = useCursorList<Order>('orders', '/v1/admin/orders', filters);
  const filtered = Object.values(filters).some(Boolean);
  const nameOf = (id: string) => retailers.data?.find((retailer) => retailer.id === id)?.name ?? shortId(id);
  return (
    <Page
      title="Orders"
      description="Orders placed through channels, each split into one retailer order per retailer and currency."
    >
      <Filters>
        <FilterSelect name="status" label="Status" options={ORDER_STATUSES} />
        <FilterSelect
          name="retailerId"
          label="Retailer"
          options={(retailers.data ?? []).map((retailer) => ({ value: retailer.id, label: retailer.name }))}
        />
        <InstantFilter name="from" label="Placed from" />
        <InstantFilter name="to" label="Placed before" />
        {filtered ? (
          <button
            type="button"
            className="link-button"
            onClick={() => update({ status: null, retailerId: null, channelId: null, from: null, to: null })}
          >
            Clear filters
          </button>
        ) : null}
      </Filters>
      <QueryView query={list} what="orders">
        {(page) => (
          <>
            <Table
              caption="Orders"
              rows={page.items}
              rowKey={(order) => order.id}
              empty={
                filtered ? (
                  <>No orders match these filters. Clear them to see every order.</>
                ) : (
                  <>No orders yet. Orders arrive when buyers check out in a channel.</>
                )
              }
              columns={[
                { header: 'Order', cell: (order) => <Link to={`/orders/${order.id}`}>{shortId(order.id)}</Link> },
                { header: 'Placed', cell: (order) => <Time iso={order.createdAt} /> },
                { header: 'Status', cell: (order) => <Status value={order.status} /> },
                { header: 'Customer', cell: (order) => order.customer.name ?? order.shippingAddress.name },
                {
                  header: 'Retailers',
                  cell: (order) => order.retailerOrders.map((part) => nameOf(part.retailerId)).join(', '),
                },
                {
                  header: 'Total',
                  className: 'num',
                  cell: (order) =>
                    order.totals.map((total) => (
                      <div key={total.currency}>
                        <Money minor={total.amountMinor} currency={total.currency} />
                      </div>
                    )),
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

export function OrderPage({ params }: { params: Record<string, string> }) {
  const order = useQuery({
    queryKey: ['order', params.id],
    queryFn: () => api.get<Order>(`/v1/admin/orders/${params.id}`),
  });
  const retailers = useRetailerNames(true);
  const nameOf = (id: string) => retailers.data?.find((retailer) => retailer.id === id)?.name ?? shortId(id);
  return (
    <QueryView query={order} what="the order">
      {(data) => (
        <Page title={`Order ${shortId(data.id)}`} description={<Link to="/orders">All orders</Link>}>
          <section className="card" aria-labelledby="order-facts">
            <h2 id="order-facts">
              Order <Status value={data.status} />
            </h2>
            <Dl
              items={[
                ['Placed', <Time key="p" iso={data.createdAt} />],
                [
                  'Customer',
                  [data.customer.name, data.customer.email, data.customer.phone].filter(Boolean).join(' · ') || '—',
                ],
                [
                  'Ship to',
                  `${data.shippingAddress.name}, ${data.shippingAddress.line1}, ` +
                    `${data.shippingAddress.postalCode} ${data.shippingAddress.city}, ` +
                    `${data.shippingAddress.country}`,
                ],
                [
                  'Total',
                  data.totals.map((total) => (
                    <Money key={total.currency} minor={total.amountMinor} currency={total.currency} />
                  )),
                ],
              ]}
            />
          </section>
          {data.retailerOrders.map((part) => (
            <RetailerOrderCard key={part.id} order={part} retailerName={nameOf(part.retailerId)} />
          ))}
        </Page>
      )}
    </QueryView>
  );
}

export function RetailerOrderPage({ params }: { params: Record<string, string> }) {
  const order = useQuery({
    queryKey: ['retailer-order', params.id],
    queryFn: () => api.get<RetailerOrder>(`/v1/admin/retailer-orders/${params.id}`),
  });
  const retailers = useRetailerNames(true);
  return (
    <QueryView query={order} what="the retailer order">
      {(data) => (
        <Page
          title={`Retailer order ${shortId(data.id)}`}
          description={<Link to={`/orders/${data.orderId}`}>Its order</Link>}
        >
          <RetailerOrderCard
            order={data}
            retailerName={
              retailers.data?.find((retailer) => retailer.id === data.retailerId)?.name ?? shortId(data.retailerId)
            }
          />
        </Page>
      )}
    </QueryView>
  );
}

function RetailerOrderCard({ order, retailerName }: { order: RetailerOrder; retailerName: string }) {
  const client = useQueryClient();
  const attempts = useQuery({
    queryKey: ['routing-attempts', order.id],
    queryFn: () => api.get<RoutingAttempt[]>(`/v1/admin/retailer-orders/${order.id}/routing-attempts`),
  });
  const [message, setMessage] = useState<{ tone: 'good' | 'bad'; text: string } | null>(null);
  const retry = useMutation({
    mutationFn: () => api.post(`/v1/admin/retailer-orders/${order.id}/retry-routing`),
    onSuccess: async () => {
      setMessage({ tone: 'good', text: 'Routing will be tried again now.' });
      await client.invalidateQueries({ queryKey: ['order'] });
      await client.invalidateQueries({ queryKey: ['routing-attempts', order.id] });
    },
    onError: (error) => setMessage({ tone: 'bad', text: describeError(error) }),
  });
  return (
    <section className="card" aria-labelledby={`ro-${order.id}`}>
      <div className="card-head">
        <h2 id={`ro-${order.id}`}>
          {retailerName} <Status value={order.status} />
        </h2>
        {order.status === 'failed' ? (
          <button type="button" onClick={() => retry.mutate()} disabled={retry.isPending}>
            Retry routing
          </button>
        ) : null}
      </div>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <Dl
        items={[
          ['Total', <Money key="t" minor={order.totalMinor} currency={order.currency} />],
          ['Refunded', <Money key="r" minor={order.refundedMinor} currency={order.currency} />],
          ['Routing', order.method],
          ['Accept by', <Time key="a" iso={order.acceptBy} />],
          ['Retailer reference', order.externalReference ?? '—'],
          ['Tracking', order.tracking?.number ? `${order.tracking.carrier ?? ''} ${order.tracking.number}` : '—'],
        ]}
      />
      <Lines order={order} />
      <div className="grid-2">
        <div>
          <h3>Status timeline</h3>
          <Timeline history={order.history} />
        </div>
        <div>
          <h3>Routing attempts</h3>
          <QueryView query={attempts} what="routing attempts">
            {(rows) =>
              rows.length === 0 ? (
                <Empty>
                  No routing attempts{order.method === 'pull' ? ': this retailer pulls its orders.' : ' yet.'}
                </Empty>
              ) : (
                <Table
                  caption="Routing attempts"
                  rows={rows}
                  rowKey={(attempt) => String(attempt.number)}
                  empty={null}
                  columns={[
                    { header: '#', cell: (attempt) => attempt.number, className: 'num' },
                    { header: 'Started', cell: (attempt) => <Time iso={attempt.startedAt} /> },
                    { header: 'Outcome', cell: (attempt) => <Status value={attempt.outcome ?? 'running'} /> },
                    { header: 'Answer', cell: (attempt) => attempt.responseStatus ?? attempt.error ?? '—' },
                    { header: 'Retry at', cell: (attempt) => <Time iso={attempt.retryAt} /> },
                  ]}
                />
              )
            }
          </QueryView>
        </div>
      </div>
    </section>
  );
}
