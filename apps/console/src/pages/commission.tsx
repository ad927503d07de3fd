import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, describeError } from '../api';
import { formatWindow } from '../format';
import { currencyExponent, formatMoney, parseDecimalToMinor } from '../money';
import { Link, useQueryState } from '../router';
import type { Channel, Statement } from '../types';
import {
  Dl,
  Empty,
  Field,
  FilterSelect,
  FilterText,
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
  type CursorPage,
} from '../ui';
import { useRetailerNames } from './catalog';

interface Rule {
  id: string;
  name: string;
  isDefault: boolean;
  retailerId: string | null;
  categoryId: number | null;
  channelId: string | null;
  brand: string | null;
  rateBasisPoints: number;
  currencyTerms: { currency: string; fixedFeeMinor?: string; minimumMinor?: string; maximumMinor?: string }[];
  priority: number;
  validFrom: string | null;
  validTo: string | null;
  retiredAt: string | null;
}

interface ReportRow {
  key: string;
  currency: string;
  salesMinor: string;
  refundsMinor: string;
  commissionMinor: string;
  entries: number;
}

function percent(basisPoints: number): string {
  return `${Math.trunc(basisPoints / 100)}${
    basisPoints % 100
      ? `.${String(basisPoints % 100)
          .padStart(2, '0')
          .replace(/0$/, '')}`
      : ''
  }%`;
}

function defaultWindow(): { from: string; to: string } {
  const to = new Date();
  to.setUTCHours(0, 0, 0, 0);
  to.setUTCDate(to.getUTCDate() + 1);
  const from = new Date(to);
  from.setUTCDate(from.getUTCDate() - 30);
  return { from: from.toISOString(), to: to.toISOString() };
}

export function CommissionPage() {
  const [params] = useQueryState();
  const retailers = useRetailerNames(true);
  const nameOf = (id: string | null) =>
    id ? (retailers.data?.find((retailer) => retailer.id === id)?.name ?? id.slice(0, 8)) : 'any';
  const window = { from: params.get('from') ?? defaultWindow().from, to: params.get('to') ?? defaultWindow().to };
  const report = useQuery({
    queryKey: ['report', window],
    queryFn: () => api.get<ReportRow[]>('/v1/admin/commission/report', { ...window, groupBy: 'retailer' }),
  });
  const rules = useCursorList<Rule>('rules', '/v1/admin/commission/rules', {});
  return (
    <Page
      title="Commission"
      description={
        'What the marketplace earns: the rules, a preview of any sale, ' + "and each retailer's monthly statements."
      }
    >
      <section className="card" aria-labelledby="report-title">
        <h2 id="report-title">Report by retailer, {formatWindow(window.from, window.to)}</h2>
        <QueryView query={report} what="the report">
          {(rows) => (
            <Table
              caption="Commission report by retailer"
              rows={rows}
              rowKey={(row) => `${row.key}-${row.currency}`}
              empty={<>No commission entries in this period: entries are written when retailers accept orders.</>}
              columns={[
                {
                  header: 'Retailer',
                  cell: (row) => (
                    <Link to={`/commission?retailerId=${row.key}#statements-title`}>{nameOf(row.key)}</Link>
                  ),
                },
                { header: 'Currency', cell: (row) => row.currency },
                {
                  header: 'Sales',
                  cell: (row) => <Money minor={row.salesMinor} currency={row.currency} />,
                  className: 'num',
                },
                {
                  header: 'Refunds',
                  cell: (row) => <Money minor={row.refundsMinor} currency={row.currency} />,
                  className: 'num',
                },
                {
                  header: 'Commission',
                  cell: (row) => <Money minor={row.commissionMinor} currency={row.currency} />,
                  className: 'num',
                },
                { header: 'Entries', cell: (row) => row.entries, className: 'num' },
              ]}
            />
          )}
        </QueryView>
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="rules-title">
          <h2 id="rules-title">Rules</h2>
          <QueryView query={rules} what="rules">
            {(page) => (
              <>
                <Table
                  caption="Commission rules"
                  rows={page.items}
                  rowKey={(rule) => rule.id}
                  empty={<>No rules. The default rule is made at first start.</>}
                  columns={[
                    {
                      header: 'Rule',
                      cell: (rule) => (
                        <>
                          {rule.name}
                          {rule.isDefault ? <span className="hint"> (default)</span> : null}
                        </>
                      ),
                    },
                    {
                      header: 'Applies to',
                      cell: (rule) =>
                        [
                          rule.retailerId ? `retailer ${nameOf(rule.retailerId)}` : null,
                          rule.brand ? `brand ${rule.brand}` : null,
                          rule.categoryId ? `category ${rule.categoryId}` : null,
                          rule.channelId ? 'one channel' : null,
                        ]
                          .filter(Boolean)
                          .join(', ') || 'everything',
                    },
                    { header: 'Rate', cell: (rule) => percent(rule.rateBasisPoints), className: 'num' },
                    {
                      header: 'Fees',
                      cell: (rule) =>
                        rule.currencyTerms
                          .map((terms) =>
                            terms.fixedFeeMinor ? `+ ${formatMoney(terms.fixedFeeMinor, terms.currency)} per line` : '',
                          )
                          .filter(Boolean)
                          .join('; ') || '—',
                    },
                    { header: 'State', cell: (rule) => <Status value={rule.retiredAt ? 'cancelled' : 'active'} /> },
                  ]}
                />
                <Pager nextCursor={page.nextCursor} />
              </>
            )}
          </QueryView>
        </section>
        <Preview retailers={retailers.data ?? []} />
      </div>
      <Statements nameOf={nameOf} />
    </Page>
  );
}

function Preview({ retailers }: { retailers: readonly { id: string; name: string }[] }) {
  const channels = useQuery({
    queryKey: ['channel-names'],
    queryFn: async () => (await api.get<CursorPage<Channel>>('/v1/admin/channels', { limit: 100 })).items,
    staleTime: 60_000,
  });
  const [form, setForm] = useState({ retailerId: '', channelId: '', currency: 'EUR', amount: '100.00', brand: '' });
  const [result, setResult] = useState<{
    rule: Rule;
    rateBasisPoints: number;
    fixedFeeMinor: string;
    commissionMinor: string;
  } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const channelId = form.channelId || channels.data?.[0]?.id || '';
  async function submit(event: FormEvent) {
    event.preventDefault();
    const currency = form.currency.trim().toUpperCase();
    const amountMinor = parseDecimalToMinor(form.amount, currencyExponent(currency));
    if (!form.retailerId) return setFailure('Choose the retailer that sells.');
    if (!channelId) return setFailure('Choose the channel the sale is made in.');
    if (!amountMinor)
      return setFailure(
        `Write the amount as a number with at most ${currencyExponent(currency)} decimals, such as 100.00.`,
      );
    setFailure(null);
    try {
      setResult(
        await api.post('/v1/admin/commission/preview', {
          retailerId: form.retailerId,
          channelId,
          currency,
          amountMinor,
          brand: form.brand.trim() || undefined,
        }),
      );
    } catch (error) {
      setFailure(describeError(error));
      setResult(null);
    }
  }
  const set = (name: keyof typeof form, value: string) => setForm((current) => ({ ...current, [name]: value }));
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview a sale</h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="form-row form-row-even">
          <Field label="Retailer">
            {(props) => (
              <select
                {...props}
                value={form.retailerId}
                onChange={(event) => set('retailerId', event.target.value)}
                required
              >
                <option value="">Choose…</option>
                {retailers.map((retailer) => (
                  <option key={retailer.id} value={retailer.id}>
                    {retailer.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Channel">
            {(props) => (
              <select {...props} value={channelId} onChange={(event) => set('channelId', event.target.value)} required>
                {(channels.data ?? []).map((channel) => (
                  <option key={channel.id} value={channel.id}>
                    {channel.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form-row">
          <Field label="Amount">
            {(props) => (
              <input
                {...props}
                inputMode="decimal"
                value={form.amount}
                onChange={(event) => set('amount', event.target.value)}
              />
            )}
          </Field>
          <Field label="Currency">
            {(props) => (
              <input
                {...props}
                value={form.currency}
                maxLength={3}
                onChange={(event) => set('currency', event.target.value)}
              />
            )}
          </Field>
        </div>
        <Field label="Brand (optional)">
          {(props) => <input {...props} value={form.brand} onChange={(event) => set('brand', event.target.value)} />}
        </Field>
        <button type="submit">Preview</button>
      </form>
      {failure ? <Notice tone="bad">{failure}</Notice> : null}
      {result ? (
        <div aria-live="polite">
          <Dl
            items={[
              ['Rule', result.rule.name],
              ['Rate', percent(result.rateBasisPoints)],
              ['Fixed fee', <Money key="f" minor={result.fixedFeeMinor} currency={form.currency.toUpperCase()} />],
              [
                'Commission',
                <strong key="c">
                  <Money minor={result.commissionMinor} currency={form.currency.toUpperCase()} />
                </strong>,
              ],
            ]}
          />
        </div>
      ) : null}
    </section>
  );
}

function Statements({ nameOf }: { nameOf: (id: string | null) => string }) {
  const [params] = useQueryState();
  const client = useQueryClient();
  const retailers = useRetailerNames(true);
  const filters = {
    retailerId: params.get('retailerId') ?? undefined,
    currency: params.get('currency') ?? undefined,
    period: params.get('period') ?? undefined,
  };
  const statements = useQuery({
    queryKey: ['statements', filters],
    queryFn: () => api.get<Statement[]>('/v1/admin/commission/statements', filters),
  });
  const [message, setMessage] = useState<{ tone: 'good' | 'bad'; text: string } | null>(null);
  const issue = useMutation({
    mutationFn: (statement: Statement) =>
      api.post<Statement>(
        `/v1/admin/commission/statements/${statement.retailerId}/${statement.currency}/${statement.period}/issue`,
      ),
    onSuccess: async (statement) => {
      setMessage({
        tone: 'good',
        text:
          `Issued the ${statement.period} statement of ${nameOf(statement.retailerId)} in ${statement.currency}.` +
          ' Later entries go to the next month.',
      });
      await client.invalidateQueries({ queryKey: ['statements'] });
    },
    onError: (error) => setMessage({ tone: 'bad', text: describeError(error) }),
  });
  return (
    <section className="card" aria-labelledby="statements-title">
      <h2 id="statements-title">Statements</h2>
      <Filters>
        <FilterSelect
          name="retailerId"
          label="Retailer"
          options={(retailers.data ?? []).map((retailer) => ({ value: retailer.id, label: retailer.name }))}
        />
        <FilterText name="currency" label="Currency" placeholder="EUR" />
        <FilterText name="period" label="Month" placeholder="2026-11" />
      </Filters>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <QueryView query={statements} what="statements">
        {(rows) =>
          rows.length === 0 ? (
            <Empty>No statements match. A statement opens with a retailer's first commission entry of the month.</Empty>
          ) : (
            <StatementTable
              rows={rows}
              nameOf={nameOf}
              csvPath={(statement) =>
                `/v1/admin/commission/statements/${statement.retailerId}/${statement.currency}/${statement.period}/csv`
              }
              detailPath={(statement) =>
                `/commission/statements/${statement.retailerId}/${statement.currency}/${statement.period}`
              }
              onIssue={(statement) => issue.mutate(statement)}
            />
          )
        }
      </QueryView>
    </section>
  );
}

export function StatementTable({
  rows,
  nameOf,
  csvPath,
  detailPath,
  onIssue,
}: {
  rows: readonly Statement[];
  nameOf?: (id: string) => string;
  csvPath: (statement: Statement) => string;
  detailPath?: (statement: Statement) => string;
  onIssue?: (statement: Statement) => void;
}) {
  return (
    <Table
      caption="Statements"
      rows={rows}
      rowKey={(statement) => `${statement.retailerId}-${statement.currency}-${statement.period}`}
      empty={null}
      columns={[
        ...(nameOf ? [{ header: 'Retailer', cell: (statement: Statement) => nameOf(statement.retailerId) }] : []),
        {
          header: 'Month',
          cell: (statement) =>
            detailPath ? <Link to={detailPath(statement)}>{statement.period}</Link> : statement.period,
        },
        { header: 'Status', cell: (statement) => <Status value={statement.status} /> },
        {
          header: 'Gross sales',
          cell: (statement) => <Money minor={statement.totals.grossSalesMinor} currency={statement.currency} />,
          className: 'num',
        },
        {
          header: 'Refunds',
          cell: (statement) => <Money minor={statement.totals.refundsMinor} currency={statement.currency} />,
          className: 'num',
        },
        {
          header: 'Net commission',
          cell: (statement) => <Money minor={statement.totals.netCommissionMinor} currency={statement.currency} />,
          className: 'num',
        },
        { header: 'Entries', cell: (statement) => statement.totals.entries, className: 'num' },
        {
          header: 'Actions',
          cell: (statement) => (
            <span className="inline-links">
              <a href={csvPath(statement)} download={`statement-${statement.currency}-${statement.period}.csv`}>
                CSV
                <span className="visually-hidden">
                  {' '}
                  of {statement.period} in {statement.currency}
                </span>
              </a>
              {onIssue && statement.status === 'open' ? (
                <button
                  type="button"
                  className="secondary small"
                  aria-label={
                    `Issue the ${statement.period} statement in ${statement.currency}` +
                    (nameOf ? ` of ${nameOf(statement.retailerId)}` : '')
                  }
                  onClick={() => {
                    // Issuing freezes the month for good: ask first.
                    if (
                      window.confirm(
                        `Issue the ${statement.period} statement in ${statement.currency}` +
                          (nameOf ? ` of ${nameOf(statement.retailerId)}` : '') +
                          '? It cannot be changed afterwards; later entries go to the next month.',
                      )
                    )
                      onIssue(statement);
                  }}
                >
                  Issue
                </button>
              ) : null}
            </span>
          ),
        },
      ]}
    />
  );
}

interface Entry {
  id: string;
  kind?: string;
  type?: string;
  orderId?: string;
  retailerOrderId?: string;
  salesMinor?: string;
  commissionMinor?: string;
  amountMinor?: string;
  createdAt: string;
}

export function StatementPage({ params }: { params: Record<string, string> }) {
  const base = `/v1/admin/commission/statements/${params.retailerId}/${params.currency}/${params.period}`;
  const statement = useQuery({ queryKey: ['statement', base], queryFn: () => api.get<Statement>(base) });
  const entries = useCursorList<Entry>('entries', `${base}/entries`, {});
  const retailers = useRetailerNames(true);
  return (
    <QueryView query={statement} what="the statement">
      {(data) => (
        <Page
          title={`Statement ${data.period} · ${data.currency}`}
          description={
            <>
              <Link to="/commission">Commission</Link> ›{' '}
              {retailers.data?.find((retailer) => retailer.id === data.retailerId)?.name ?? data.retailerId}
            </>
          }
          actions={
            <a className="button secondary" href={`${base}/csv`} download>
              Download CSV
            </a>
          }
        >
          <section className="card" aria-labelledby="totals">
            <h2 id="totals">
              Totals <Status value={data.status} />
            </h2>
            <Dl
              items={[
                ['Gross sales', <Money key="1" minor={data.totals.grossSalesMinor} currency={data.currency} />],
                ['Cancelled sales', <Money key="2" minor={data.totals.cancelledSalesMinor} currency={data.currency} />],
                ['Refunds', <Money key="3" minor={data.totals.refundsMinor} currency={data.currency} />],
                [
                  'Commission accrued',
                  <Money key="4" minor={data.totals.commissionAccruedMinor} currency={data.currency} />,
                ],
                [
                  'Commission reversed',
                  <Money key="5" minor={data.totals.commissionReversedMinor} currency={data.currency} />,
                ],
                ['Adjustments', <Money key="6" minor={data.totals.adjustmentsMinor} currency={data.currency} />],
                [
                  'Net commission',
                  <strong key="7">
                    <Money minor={data.totals.netCommissionMinor} currency={data.currency} />
                  </strong>,
                ],
                ['Issued', <Time key="8" iso={data.issuedAt} />],
              ]}
            />
          </section>
          <section className="card" aria-labelledby="entries-title">
            <h2 id="entries-title">Entries</h2>
            <QueryView query={entries} what="entries">
              {(page: CursorPage<Entry>) => (
                <>
                  <Table
                    caption="Ledger entries"
                    rows={page.items}
                    rowKey={(entry) => entry.id}
                    empty={<>No entries.</>}
                    columns={[
                      { header: 'When', cell: (entry) => <Time iso={entry.createdAt} /> },
                      { header: 'Kind', cell: (entry) => entry.kind ?? entry.type ?? '—' },
                      {
                        header: 'Retailer order',
                        cell: (entry) =>
                          entry.retailerOrderId ? (
                            <Link to={`/retailer-orders/${entry.retailerOrderId}`}>
                              {entry.retailerOrderId.slice(0, 8)}
                            </Link>
                          ) : (
                            '—'
                          ),
                      },
                      {
                        header: 'Sales',
                        cell: (entry) =>
                          entry.salesMinor ? <Money minor={entry.salesMinor} currency={data.currency} /> : '—',
                        className: 'num',
                      },
                      {
                        header: 'Commission',
                        cell: (entry) => (
                          <Money minor={entry.commissionMinor ?? entry.amountMinor} currency={data.currency} />
                        ),
                        className: 'num',
                      },
                    ]}
                  />
                  <Pager nextCursor={page.nextCursor} />
                </>
              )}
            </QueryView>
          </section>
        </Page>
      )}
    </QueryView>
  );
}
