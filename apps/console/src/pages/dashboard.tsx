import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { api } from '../api';
import type { ChartOption } from '../chart';
import { formatCount, formatDay, formatWindow } from '../format';
import { formatMoney } from '../money';
import { Link, useRouter } from '../router';
import { Empty, Page, QueryView, Status, Time } from '../ui';

export interface SalesDay {
  readonly date: string;
  readonly salesMinor: string;
  readonly commissionMinor: string;
  readonly entries: number;
}

export interface SalesSeries {
  readonly currency: string;
  readonly exponent: number;
  readonly totalSalesMinor: string;
  readonly totalCommissionMinor: string;
  readonly days: readonly SalesDay[];
}

export interface Dashboard {
  readonly from: string;
  readonly to: string;
  readonly sales: readonly SalesSeries[];
  readonly ordersByStatus: readonly { status: string; count: number }[];
  readonly routing: { attempts: number; failedAttempts: number; failed: number; stuck: number };
  readonly catalog: {
    readonly configs: readonly {
      id: string;
      name: string;
      connectorId: string;
      retailerId: string;
      retailerName: string;
      enabled: boolean;
      lastRun: {
        id: string;
        status: string;
        startedAt: string | null;
        finishedAt: string | null;
        readCount: number;
        writtenCount: number;
        failedCount: number;
        warningCount: number;
        error: string | null;
      } | null;
    }[];
    readonly lastRunStatuses?: readonly { status: string; count: number }[];
    readonly offersPerRetailer: readonly { retailerId: string; retailerName: string; offers: number }[];
    readonly categoryCoverage: { categorized: number; uncategorized: number };
  };
  readonly webhooks?: {
    failedDeliveries: number;
    channels: readonly { channelId: string; channelName: string; failedDeliveries: number }[];
  };
}

const DAYS = 30;

// ECharts is most of the console's script: it loads with the first chart, not with the sign-in page.
const Chart = lazy(() => import('../chart').then((module) => ({ default: module.Chart })));

/**
 * Statuses the operator's order list filters by (an order's status); a retailer's list takes every retailer order
 * status.
 */
const ORDER_STATUSES = new Set(['failed', 'pending', 'submitted', 'accepted', 'shipped', 'delivered', 'cancelled']);

function ordersByStatusPath(ordersPath: string, status: string, role: 'operator' | 'retailer'): string {
  // A refused retailer order leaves its order in another status: the operator's list shows all of them then.
  return role === 'retailer' || ORDER_STATUSES.has(status) ? `${ordersPath}?status=${status}` : ordersPath;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The dashboard is one call: GET /v1/{admin|retailer}/dashboard?days=30. */
function useDashboard(scope: 'admin' | 'retailer') {
  return useQuery({
    queryKey: ['dashboard', scope, DAYS],
    queryFn: () => api.get<Dashboard>(`/v1/${scope}/dashboard`, { days: DAYS }),
    staleTime: 30_000,
  });
}

export function OperatorDashboard() {
  const query = useDashboard('admin');
  return (
    <Page title="Dashboard" description={<>The last {DAYS} days, by UTC day. Every figure opens the list behind it.</>}>
      <QueryView query={query} what="the dashboard">
        {(data) => <DashboardBody data={data} role="operator" />}
      </QueryView>
    </Page>
  );
}

export function RetailerDashboard() {
  const query = useDashboard('retailer');
  return (
    <Page title="Overview" description={<>Your shop over the last {DAYS} days, by UTC day.</>}>
      <QueryView query={query} what="your overview">
        {(data) => <DashboardBody data={data} role="retailer" />}
      </QueryView>
    </Page>
  );
}

function DashboardBody({ data, role }: { data: Dashboard; role: 'operator' | 'retailer' }) {
  const ordersPath = role === 'operator' ? '/orders' : '/retailer/orders';
  const configsPath = role === 'operator' ? '/connector-configs' : '/retailer/connector-configs';
  const runsPath = role === 'operator' ? '/sync-runs' : '/retailer/sync-runs';
  const totalOrders = data.ordersByStatus.reduce((total, row) => total + row.count, 0);
  const maxStatus = Math.max(1, ...data.ordersByStatus.map((row) => row.count));
  const maxOffers = Math.max(1, ...data.catalog.offersPerRetailer.map((row) => row.offers));
  const coverage = data.catalog.categoryCoverage;
  const coverageTotal = coverage.categorized + coverage.uncategorized;
  const window = `from=${encodeURIComponent(data.from)}&to=${encodeURIComponent(data.to)}`;
  return (
    <div className="dashboard">
      <section className="card card-wide" aria-labelledby="sales-title">
        <div className="card-head">
          <h2 id="sales-title">Sales and commission per day</h2>
          <p className="hint">{formatWindow(data.from, data.to)}</p>
        </div>
        {data.sales.length === 0 ? (
          <Empty>
            No sales in these {DAYS} days.{' '}
            {role === 'operator' ? (
              'Sales appear here once a retailer accepts an order placed through a channel.'
            ) : (
              <>
                Sales appear here once you accept an order: see{' '}
                <Link to="/retailer/orders?status=pending">your pending orders</Link>.
              </>
            )}
          </Empty>
        ) : (
          data.sales.map((series) => <SalesChart key={series.currency} series={series} role={role} window={window} />)
        )}
      </section>

      <section className="card" aria-labelledby="orders-title">
        <h2 id="orders-title">Orders by status</h2>
        {totalOrders === 0 ? (
          <Empty>No retailer orders yet.</Empty>
        ) : (
          <ul className="bar-list">
            {data.ordersByStatus.map((row) => (
              <li key={row.status}>
                <Link to={ordersByStatusPath(ordersPath, row.status, role)} className="bar-row">
                  <span className="bar-label">
                    <Status value={row.status} />
                  </span>
                  <span className="bar-track" aria-hidden="true">
                    <span
                      className={`bar-fill tone-${row.status}`}
                      style={{ width: `${(row.count / maxStatus) * 100}%` }}
                    />
                  </span>
                  <span className="bar-value">{formatCount(row.count)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="routing-title">
        <h2 id="routing-title">Routing health</h2>
        <div className="stats">
          <Stat
            label="Routing attempts"
            value={data.routing.attempts}
            to={role === 'operator' ? `${ordersPath}?${window}` : ordersPath}
          />
          <Stat
            label="Failed attempts"
            value={data.routing.failedAttempts}
            to={`${ordersPath}?status=failed`}
            tone={data.routing.failedAttempts ? 'bad' : undefined}
          />
          <Stat
            label="Orders routing gave up on"
            value={data.routing.failed}
            to={`${ordersPath}?status=failed`}
            tone={data.routing.failed ? 'bad' : undefined}
          />
          <Stat
            label="Stuck past deadline"
            value={data.routing.stuck}
            to={`${ordersPath}?status=pending`}
            tone={data.routing.stuck ? 'warn' : undefined}
          />
        </div>
        <p className="hint">Stuck: past the acceptance deadline and not accepted.</p>
      </section>

      {data.webhooks ? (
        <section className="card" aria-labelledby="webhooks-title">
          <h2 id="webhooks-title">Webhook deliveries</h2>
          <div className="stats">
            <Stat
              label="Failed deliveries"
              value={data.webhooks.failedDeliveries}
              to="/channels"
              tone={data.webhooks.failedDeliveries ? 'bad' : undefined}
            />
          </div>
          {data.webhooks.channels.filter((channel) => channel.failedDeliveries > 0).length ? (
            <ul className="plain-list">
              {data.webhooks.channels
                .filter((channel) => channel.failedDeliveries > 0)
                .map((channel) => (
                  <li key={channel.channelId}>
                    <Link to={`/channels/${channel.channelId}?status=failed`}>
                      {channel.channelName}: {formatCount(channel.failedDeliveries)} failed
                    </Link>
                  </li>
                ))}
            </ul>
          ) : (
            <p className="hint">Every channel's webhooks were delivered.</p>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="coverage-title">
        <h2 id="coverage-title">Category coverage</h2>
        {coverageTotal === 0 ? (
          <Empty>No offers yet: connect a catalog first.</Empty>
        ) : (
          <>
            <div
              className="coverage-bar"
              role="img"
              aria-label={`${coverage.categorized} of ${coverageTotal} offers have a category`}
            >
              <span className="coverage-fill" style={{ width: `${(coverage.categorized / coverageTotal) * 100}%` }} />
            </div>
            <div className="stats">
              <Stat
                label="Categorized offers"
                value={coverage.categorized}
                to={role === 'operator' ? '/products' : '/retailer/category-coverage'}
              />
              <Stat
                label="Uncategorized offers"
                value={coverage.uncategorized}
                to={role === 'operator' ? '/retailers' : '/retailer/category-coverage'}
                tone={coverage.uncategorized ? 'warn' : undefined}
              />
            </div>
          </>
        )}
      </section>

      {role === 'operator' ? (
        <section className="card" aria-labelledby="offers-title">
          <h2 id="offers-title">Offers per retailer</h2>
          {data.catalog.offersPerRetailer.length === 0 ? (
            <Empty>No offers yet.</Empty>
          ) : (
            <ul className="bar-list">
              {data.catalog.offersPerRetailer.map((row) => (
                <li key={row.retailerId}>
                  <Link to={`/products?retailerId=${row.retailerId}`} className="bar-row">
                    <span className="bar-label">{row.retailerName}</span>
                    <span className="bar-track" aria-hidden="true">
                      <span className="bar-fill" style={{ width: `${(row.offers / maxOffers) * 100}%` }} />
                    </span>
                    <span className="bar-value">{formatCount(row.offers)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="runs-title">
        <h2 id="runs-title">Catalog runs</h2>
        {(data.catalog.lastRunStatuses ?? []).length === 0 ? (
          <Empty>
            No catalog has run yet. <Link to={`${configsPath}/new`}>Add a catalog</Link>.
          </Empty>
        ) : (
          <>
            <p className="hint">The last run of each connector config ended:</p>
            <div className="stats">
              {(data.catalog.lastRunStatuses ?? []).map((row) => (
                <Stat
                  key={row.status}
                  label={row.status.replace(/_/g, ' ')}
                  value={row.count}
                  to={configsPath}
                  tone={row.status === 'failed' ? 'bad' : undefined}
                />
              ))}
            </div>
          </>
        )}
      </section>

      <section className="card card-wide" aria-labelledby="catalog-title">
        <h2 id="catalog-title">Catalog health: last run per connector config</h2>
        {data.catalog.configs.length === 0 ? (
          <Empty>
            No connector configs. <Link to={`${configsPath}/new`}>Add a catalog</Link> to bring offers in.
          </Empty>
        ) : (
          <div className="table-scroll" role="region" aria-label="Last run per connector config" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Config</th>
                  {role === 'operator' ? <th scope="col">Retailer</th> : null}
                  <th scope="col">Last run</th>
                  <th scope="col">Finished</th>
                  <th scope="col" className="num">
                    Read
                  </th>
                  <th scope="col" className="num">
                    Written
                  </th>
                  <th scope="col" className="num">
                    Failed items
                  </th>
                  <th scope="col" className="num">
                    Warnings
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.catalog.configs.map((config) => (
                  <tr key={config.id}>
                    <td data-label="Config">
                      <Link to={`${configsPath}/${config.id}`}>{config.name}</Link>{' '}
                      <span className="hint">{config.connectorId}</span>
                    </td>
                    {role === 'operator' ? <td data-label="Retailer">{config.retailerName}</td> : null}
                    <td data-label="Last run">
                      {config.lastRun ? (
                        <Link to={`${runsPath}/${config.lastRun.id}`} title={config.lastRun.error ?? undefined}>
                          <Status value={config.lastRun.status} />
                        </Link>
                      ) : (
                        <span className="hint">{config.enabled ? 'never run' : 'disabled'}</span>
                      )}
                    </td>
                    <td data-label="Finished">
                      <Time iso={config.lastRun?.finishedAt} />
                    </td>
                    <td data-label="Read" className="num">
                      {config.lastRun ? (
                        <Link to={`${runsPath}/${config.lastRun.id}`}>{formatCount(config.lastRun.readCount)}</Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td data-label="Written" className="num">
                      {config.lastRun ? (
                        <Link to={`${runsPath}/${config.lastRun.id}`}>{formatCount(config.lastRun.writtenCount)}</Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td data-label="Failed items" className="num">
                      {config.lastRun ? (
                        <Link to={`${runsPath}/${config.lastRun.id}?severity=error`}>
                          {formatCount(config.lastRun.failedCount)}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td data-label="Warnings" className="num">
                      {config.lastRun ? (
                        <Link to={`${runsPath}/${config.lastRun.id}?severity=warning`}>
                          {formatCount(config.lastRun.warningCount)}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function Stat({ label, value, to, tone }: { label: string; value: number; to: string; tone?: 'bad' | 'warn' }) {
  return (
    <Link to={to} className={`stat${tone ? ` stat-${tone}` : ''}`}>
      <span className="stat-value">{formatCount(value)}</span>
      <span className="stat-label">{label}</span>
    </Link>
  );
}

const SALES_COLOR = '#2563eb';
const COMMISSION_COLOR = '#d97706';

/** One currency's days as bars (sales) and a line (commission), with the exact figures in a table beside it. */
function SalesChart({ series, role, window }: { series: SalesSeries; role: 'operator' | 'retailer'; window: string }) {
  const { navigate } = useRouter();
  const ordersPath = role === 'operator' ? '/orders' : '/retailer/orders';
  const money = (minor: string) => formatMoney(minor, series.currency, series.exponent);
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      aria: { enabled: false },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, data: ['Sales', 'Commission'], textStyle: { color: '#334155' } },
      tooltip: {
        trigger: 'axis',
        renderMode: 'html',
        className: 'chart-tooltip',
        // Plain text: the tooltip's default markup carries inline styles, which the console's CSP refuses.
        formatter: (params: unknown) => {
          const items = params as { dataIndex: number }[];
          const day = series.days[items[0]?.dataIndex ?? 0];
          if (!day) return '';
          return (
            `${formatDay(day.date)}<br/>Sales ${money(day.salesMinor)}` +
            `<br/>Commission ${money(day.commissionMinor)}<br/>${day.entries} ledger entries`
          );
        },
      },
      xAxis: {
        type: 'category',
        data: series.days.map((day) => day.date.slice(5)),
        axisLabel: { color: '#475569', hideOverlap: true },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        axisLabel: { color: '#475569', formatter: (value: number) => money(BigInt(Math.round(value)).toString()) },
        splitLine: { lineStyle: { color: '#e2e8f0' } },
      },
      series: [
        // Heights only: every figure shown in words comes from the minor-unit strings.
        {
          name: 'Sales',
          type: 'bar',
          data: series.days.map((day) => Number(day.salesMinor)),
          itemStyle: { color: SALES_COLOR, borderRadius: [3, 3, 0, 0] },
          cursor: 'pointer',
        },
        {
          name: 'Commission',
          type: 'line',
          data: series.days.map((day) => Number(day.commissionMinor)),
          itemStyle: { color: COMMISSION_COLOR },
          lineStyle: { width: 2 },
          showSymbol: false,
          cursor: 'pointer',
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [series],
  );
  const activeDays = series.days.filter(
    (day) => day.entries > 0 || day.salesMinor !== '0' || day.commissionMinor !== '0',
  );
  return (
    <div className="sales" data-currency={series.currency}>
      <div className="sales-totals">
        <h3>{series.currency}</h3>
        <Link to={`/commission?${window}`} className="total" data-total="sales">
          <span className="total-label">Sales</span>{' '}
          <span className="total-value">{money(series.totalSalesMinor)}</span>
        </Link>
        <Link to={`/commission?${window}`} className="total" data-total="commission">
          <span className="total-label">Commission</span>{' '}
          <span className="total-value">{money(series.totalCommissionMinor)}</span>
        </Link>
      </div>
      <Suspense
        fallback={
          <div className="chart chart-loading" role="status">
            Drawing the chart…
          </div>
        }
      >
        <Chart
          option={option}
          label={`Sales and commission in ${series.currency} per day; the figures are in the table that follows.`}
          onClick={(index) => {
            const day = series.days[index];
            if (day) navigate(`${ordersPath}?from=${day.date}T00:00:00Z&to=${nextDay(day.date)}T00:00:00Z`);
          }}
        />
      </Suspense>
      <details className="figures">
        <summary>
          Figures per day ({activeDays.length} {activeDays.length === 1 ? 'day' : 'days'} with sales)
        </summary>
        <div className="table-scroll" role="region" aria-label={`Sales per day in ${series.currency}`} tabIndex={0}>
          <table className="sales-table" data-currency={series.currency}>
            <caption className="visually-hidden">Sales and commission per day in {series.currency}</caption>
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                <th scope="col" className="num">
                  Sales
                </th>
                <th scope="col" className="num">
                  Commission
                </th>
                <th scope="col" className="num">
                  Entries
                </th>
              </tr>
            </thead>
            <tbody>
              {series.days.map((day) => (
                <tr
                  key={day.date}
                  data-day={day.date}
                  data-sales-minor={day.salesMinor}
                  data-commission-minor={day.commissionMinor}
                >
                  <th scope="row">
                    <Link to={`${ordersPath}?from=${day.date}T00:00:00Z&to=${nextDay(day.date)}T00:00:00Z`}>
                      {formatDay(day.date)}
                    </Link>
                  </th>
                  <td className="num">{money(day.salesMinor)}</td>
                  <td className="num">{money(day.commissionMinor)}</td>
                  <td className="num">{day.entries}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num" data-total-minor={series.totalSalesMinor}>
                  {money(series.totalSalesMinor)}
                </td>
                <td className="num" data-total-minor={series.totalCommissionMinor}>
                  {money(series.totalCommissionMinor)}
                </td>
                <td className="num">{series.days.reduce((total, day) => total + day.entries, 0)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </details>
    </div>
  );
}
