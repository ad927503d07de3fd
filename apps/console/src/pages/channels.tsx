import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, describeError } from '../api';
import { Link, useQueryState } from '../router';
import type { ApiKey, Channel } from '../types';
import {
  Dl,
  Empty,
  Field,
  FilterSelect,
  Filters,
  Notice,
  Page,
  Pager,
  QueryView,
  Status,
  Table,
  Time,
  useCursorList,
  type CursorPage,
} from '../ui';
import { useRetailerNames } from './catalog';

interface WebhookDelivery {
  id: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export function ChannelsPage() {
  const [params] = useQueryState();
  const client = useQueryClient();
  const list = useCursorList<Channel>('channels', '/v1/admin/channels', { status: params.get('status') ?? undefined });
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ name: '', webhookUrl: '', locale: 'en-GB', currency: 'EUR', whatsappNumber: '' });
  const [message, setMessage] = useState<{ tone: 'good' | 'bad'; text: string; secret?: string } | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    try {
      const created = await api.post<Channel & { webhookSecret: string | null }>('/v1/admin/channels', {
        name: form.name.trim(),
        webhookUrl: form.webhookUrl.trim() || null,
        locale: form.locale.trim(),
        currency: form.currency.trim().toUpperCase(),
        whatsappNumber: form.whatsappNumber.trim() || null,
      });
      setOpen(false);
      setForm({ name: '', webhookUrl: '', locale: 'en-GB', currency: 'EUR', whatsappNumber: '' });
      setMessage({
        tone: 'good',
        text: `Created ${created.name}. Open it to make its API key.`,
        secret: created.webhookSecret ?? undefined,
      });
      await client.invalidateQueries({ queryKey: ['channels'] });
    } catch (error) {
      setMessage({ tone: 'bad', text: describeError(error) });
    }
  }
  const set = (name: keyof typeof form, value: string) => setForm((current) => ({ ...current, [name]: value }));

  return (
    <Page
      title="Channels"
      description="Chat front ends that sell Souk's offers. Each has its own keys, visibility and webhooks."
    >
      {message ? (
        <Notice tone={message.tone}>
          {message.text}
          {message.secret ? (
            <>
              {' '}
              Webhook secret (shown once): <code>{message.secret}</code>
            </>
          ) : null}
        </Notice>
      ) : null}
      {open ? (
        <form className="card form form-grid" onSubmit={create} aria-label="New channel">
          <h2 className="span-all">New channel</h2>
          <Field label="Name">
            {(props) => (
              <input {...props} value={form.name} onChange={(event) => set('name', event.target.value)} required />
            )}
          </Field>
          <Field label="Webhook URL (optional)" hint="Where Souk sends order events.">
            {(props) => (
              <input
                {...props}
                type="url"
                value={form.webhookUrl}
                onChange={(event) => set('webhookUrl', event.target.value)}
              />
            )}
          </Field>
          <Field label="Locale">
            {(props) => (
              <input {...props} value={form.locale} onChange={(event) => set('locale', event.target.value)} required />
            )}
          </Field>
          <Field label="Currency">
            {(props) => (
              <input
                {...props}
                value={form.currency}
                onChange={(event) => set('currency', event.target.value)}
                required
                maxLength={3}
              />
            )}
          </Field>
          <Field label="WhatsApp number (optional)">
            {(props) => (
              <input
                {...props}
                value={form.whatsappNumber}
                onChange={(event) => set('whatsappNumber', event.target.value)}
              />
            )}
          </Field>
          <div className="form-actions span-all">
            <button type="submit">Create channel</button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p>
          <button type="button" onClick={() => setOpen(true)}>
            New channel
          </button>
        </p>
      )}
      <Filters>
        <FilterSelect name="status" label="Status" options={['active', 'paused']} />
      </Filters>
      <QueryView query={list} what="channels">
        {(page) => (
          <>
            <Table
              caption="Channels"
              rows={page.items}
              rowKey={(channel) => channel.id}
              empty={<>No channels match. Create one to start selling in a chat.</>}
              columns={[
                { header: 'Name', cell: (channel) => <Link to={`/channels/${channel.id}`}>{channel.name}</Link> },
                { header: 'Status', cell: (channel) => <Status value={channel.status} /> },
                { header: 'Locale', cell: (channel) => channel.locale },
                { header: 'Currency', cell: (channel) => channel.currency },
                { header: 'Webhook', cell: (channel) => channel.webhookUrl ?? <span className="hint">none</span> },
                { header: 'Created', cell: (channel) => <Time iso={channel.createdAt} /> },
              ]}
            />
            <Pager nextCursor={page.nextCursor} />
          </>
        )}
      </QueryView>
    </Page>
  );
}

export function ChannelPage({ params }: { params: Record<string, string> }) {
  const id = params.id!;
  const client = useQueryClient();
  const [query] = useQueryState();
  const channel = useQuery({ queryKey: ['channel', id], queryFn: () => api.get<Channel>(`/v1/admin/channels/${id}`) });
  const keys = useQuery({
    queryKey: ['channel-keys', id],
    queryFn: () => api.get<CursorPage<ApiKey>>('/v1/admin/api-keys', { channelId: id, limit: 50 }),
  });
  const retailers = useRetailerNames(true);
  const status = query.get('status') ?? undefined;
  const deliveries = useCursorList<WebhookDelivery>('deliveries', `/v1/admin/channels/${id}/webhook-deliveries`, {});
  const [message, setMessage] = useState<{ tone: 'good' | 'bad'; text: string; secret?: string } | null>(null);
  // Souk has no list of hidden retailers to read, but every change is audited: the newest entry per retailer is its
  // state.
  const hiding = useQuery({
    queryKey: ['channel-hidden-retailers', id],
    queryFn: async () => {
      const page = await api.get<CursorPage<{ after: { retailerId?: string; hidden?: boolean } | null }>>(
        '/v1/admin/audit-log',
        { entityType: 'channel', entityId: id, action: 'channel.hide_retailer', limit: 100 },
      );
      const state: Record<string, boolean> = {};
      for (const entry of page.items) {
        const retailerId = entry.after?.retailerId;
        if (retailerId && !(retailerId in state)) state[retailerId] = entry.after?.hidden === true;
      }
      return state;
    },
  });
  const [changed, setHidden] = useState<Record<string, boolean>>({});
  const hidden = { ...(hiding.data ?? {}), ...changed };
  const action = useMutation({
    mutationFn: async (what: {
      kind: 'pause' | 'activate' | 'webhook-test' | 'key' | 'revoke' | 'hide' | 'show';
      target?: string;
    }) => {
      switch (what.kind) {
        case 'key':
          return api.post<{ key: string }>('/v1/admin/api-keys', {
            name: `${channel.data?.name ?? 'Channel'} key`,
            role: 'channel',
            channelId: id,
          });
        case 'revoke':
          return api.post(`/v1/admin/api-keys/${what.target}/revoke`);
        case 'hide':
          return api.put(`/v1/admin/channels/${id}/hidden-retailers/${what.target}`);
        case 'show':
          return api.delete(`/v1/admin/channels/${id}/hidden-retailers/${what.target}`);
        default:
          return api.post(`/v1/admin/channels/${id}/${what.kind}`);
      }
    },
    onSuccess: async (result, what) => {
      if (what.kind === 'key')
        setMessage({
          tone: 'good',
          text: 'New channel key. Copy it now: it is not shown again.',
          secret: (result as { key: string }).key,
        });
      else if (what.kind === 'hide' || what.kind === 'show') {
        setHidden((current) => ({ ...current, [what.target!]: what.kind === 'hide' }));
        setMessage({
          tone: 'good',
          text:
            what.kind === 'hide'
              ? 'That retailer is hidden from this channel.'
              : 'That retailer is visible in this channel again.',
        });
      } else
        setMessage({
          tone: 'good',
          text:
            what.kind === 'webhook-test'
              ? 'Test event queued: it appears in the deliveries below.'
              : what.kind === 'revoke'
                ? 'Key revoked.'
                : `Channel ${what.kind === 'pause' ? 'paused' : 'active'}.`,
        });
      await client.invalidateQueries({ queryKey: ['channel', id] });
      await client.invalidateQueries({ queryKey: ['channel-keys', id] });
      await client.invalidateQueries({ queryKey: ['deliveries'] });
    },
    onError: (error) => setMessage({ tone: 'bad', text: describeError(error) }),
  });
  return (
    <QueryView query={channel} what="the channel">
      {(data) => (
        <Page
          title={data.name}
          description={<Link to="/channels">All channels</Link>}
          actions={
            <>
              <button
                type="button"
                className="secondary"
                onClick={() => action.mutate({ kind: data.status === 'active' ? 'pause' : 'activate' })}
              >
                {data.status === 'active' ? 'Pause' : 'Activate'}
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => action.mutate({ kind: 'webhook-test' })}
                disabled={!data.webhookUrl}
              >
                Send a test webhook
              </button>
            </>
          }
        >
          {message ? (
            <Notice tone={message.tone}>
              {message.text} {message.secret ? <code className="secret">{message.secret}</code> : null}
            </Notice>
          ) : null}
          <div className="grid-2">
            <section className="card" aria-labelledby="channel-facts">
              <h2 id="channel-facts">Channel</h2>
              <Dl
                items={[
                  ['Status', <Status key="s" value={data.status} />],
                  ['Locale', data.locale],
                  ['Currency', data.currency],
                  ['Webhook URL', data.webhookUrl ?? 'none'],
                  ['WhatsApp number', data.whatsappNumber ?? 'none'],
                  ['Created', <Time key="c" iso={data.createdAt} />],
                ]}
              />
            </section>
            <section className="card" aria-labelledby="keys-title">
              <h2 id="keys-title">API keys</h2>
              <QueryView query={keys} what="keys">
                {(page) => (
                  <Table
                    caption="Channel API keys"
                    rows={page.items}
                    rowKey={(key) => key.id}
                    empty={<>No key yet: make one for the channel's program.</>}
                    columns={[
                      { header: 'Name', cell: (key) => key.name },
                      { header: 'Prefix', cell: (key) => <code>{key.prefix}</code> },
                      { header: 'Last used', cell: (key) => <Time iso={key.lastUsedAt} /> },
                      {
                        header: 'State',
                        cell: (key) =>
                          key.revokedAt ? (
                            <Status value="revoked" />
                          ) : (
                            <button
                              type="button"
                              className="secondary small"
                              onClick={() => action.mutate({ kind: 'revoke', target: key.id })}
                              aria-label={`Revoke ${key.name}`}
                            >
                              Revoke
                            </button>
                          ),
                      },
                    ]}
                  />
                )}
              </QueryView>
              <button type="button" onClick={() => action.mutate({ kind: 'key' })}>
                Make a channel key
              </button>
            </section>
          </div>
          <section className="card" aria-labelledby="visibility-title">
            <h2 id="visibility-title">Visibility</h2>
            <p className="hint">Hide a retailer's offers from this channel, or show them again.</p>
            <ul className="plain-list">
              {(retailers.data ?? []).map((retailer) => (
                <li key={retailer.id} className="visibility-row">
                  <span>
                    {retailer.name} {hidden[retailer.id] ? <span className="badge badge-warn">hidden here</span> : null}
                  </span>
                  <button
                    type="button"
                    className="secondary small"
                    disabled={hiding.isPending}
                    onClick={() => action.mutate({ kind: hidden[retailer.id] ? 'show' : 'hide', target: retailer.id })}
                    aria-label={
                      `${hidden[retailer.id] ? 'Show' : 'Hide'} ${retailer.name} ` +
                      `${hidden[retailer.id] ? 'again in' : 'from'} this channel`
                    }
                  >
                    {hidden[retailer.id] ? 'Show again' : 'Hide from this channel'}
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="deliveries-title">
            <h2 id="deliveries-title">Webhook deliveries</h2>
            <Filters>
              <FilterSelect name="status" label="Status" options={['pending', 'delivered', 'failed']} />
            </Filters>
            <QueryView query={deliveries} what="deliveries">
              {(page) => {
                const rows = status ? page.items.filter((delivery) => delivery.status === status) : page.items;
                return (
                  <>
                    {rows.length === 0 ? (
                      <Empty>
                        {data.webhookUrl
                          ? `No ${status ?? ''} deliveries on this page.`
                          : 'This channel has no webhook URL, so Souk sends it no events.'}
                      </Empty>
                    ) : (
                      <Table
                        caption="Webhook deliveries"
                        rows={rows}
                        rowKey={(delivery) => delivery.id}
                        empty={null}
                        columns={[
                          { header: 'Event', cell: (delivery) => <code>{delivery.eventType}</code> },
                          { header: 'Status', cell: (delivery) => <Status value={delivery.status} /> },
                          { header: 'Attempts', cell: (delivery) => delivery.attempts, className: 'num' },
                          {
                            header: 'Last answer',
                            cell: (delivery) => delivery.lastResponseStatus ?? delivery.lastError ?? '—',
                          },
                          { header: 'Last attempt', cell: (delivery) => <Time iso={delivery.lastAttemptAt} /> },
                          { header: 'Created', cell: (delivery) => <Time iso={delivery.createdAt} /> },
                        ]}
                      />
                    )}
                    <Pager nextCursor={page.nextCursor} />
                  </>
                );
              }}
            </QueryView>
          </section>
        </Page>
      )}
    </QueryView>
  );
}
