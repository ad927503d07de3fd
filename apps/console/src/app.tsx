import { useEffect, useState, type ComponentType, type ReactElement } from 'react';
import { Link, matchPath, useRouter } from './router';
import { useSession, type Session } from './session';
import { Loading, ErrorState } from './ui';
import { SignInPage } from './pages/sign-in';
import { OperatorDashboard, RetailerDashboard } from './pages/dashboard';
import { RetailersPage } from './pages/retailers';
import { ChannelPage, ChannelsPage } from './pages/channels';
import { ConnectorConfigPage, ConnectorConfigsPage, NewConnectorConfigPage, SyncRunPage } from './pages/catalog';
import { ProductPage, ProductsPage } from './pages/products';
import { OrderPage, OrdersPage, RetailerOrderPage } from './pages/orders';
import { CommissionPage, StatementPage } from './pages/commission';
import { AuditLogPage } from './pages/audit';
import { CoveragePage } from './pages/coverage';
import { MyOrderPage, MyOrdersPage } from './pages/my-orders';
import { MyStatementsPage } from './pages/my-statements';

type Role = Session['role'];
interface Route {
  readonly pattern: string;
  readonly role: Role;
  readonly page: ComponentType<{ params: Record<string, string> }>;
}

const ROUTES: readonly Route[] = [
  { pattern: '/', role: 'operator', page: OperatorDashboard },
  { pattern: '/retailers', role: 'operator', page: RetailersPage },
  { pattern: '/channels', role: 'operator', page: ChannelsPage },
  { pattern: '/channels/:id', role: 'operator', page: ChannelPage },
  { pattern: '/connector-configs', role: 'operator', page: ConnectorConfigsPage },
  { pattern: '/connector-configs/new', role: 'operator', page: NewConnectorConfigPage },
  { pattern: '/connector-configs/:id', role: 'operator', page: ConnectorConfigPage },
  { pattern: '/sync-runs/:id', role: 'operator', page: SyncRunPage },
  { pattern: '/products', role: 'operator', page: ProductsPage },
  { pattern: '/products/:id', role: 'operator', page: ProductPage },
  { pattern: '/orders', role: 'operator', page: OrdersPage },
  { pattern: '/orders/:id', role: 'operator', page: OrderPage },
  { pattern: '/retailer-orders/:id', role: 'operator', page: RetailerOrderPage },
  { pattern: '/commission', role: 'operator', page: CommissionPage },
  { pattern: '/commission/statements/:retailerId/:currency/:period', role: 'operator', page: StatementPage },
  { pattern: '/audit-log', role: 'operator', page: AuditLogPage },
  { pattern: '/retailer', role: 'retailer', page: RetailerDashboard },
  { pattern: '/retailer/connector-configs', role: 'retailer', page: ConnectorConfigsPage },
  { pattern: '/retailer/connector-configs/new', role: 'retailer', page: NewConnectorConfigPage },
  { pattern: '/retailer/connector-configs/:id', role: 'retailer', page: ConnectorConfigPage },
  { pattern: '/retailer/sync-runs/:id', role: 'retailer', page: SyncRunPage },
  { pattern: '/retailer/category-coverage', role: 'retailer', page: CoveragePage },
  { pattern: '/retailer/orders', role: 'retailer', page: MyOrdersPage },
  { pattern: '/retailer/orders/:id', role: 'retailer', page: MyOrderPage },
  { pattern: '/retailer/statements', role: 'retailer', page: MyStatementsPage },
];

const NAV: Record<Role, readonly { to: string; label: string }[]> = {
  operator: [
    { to: '/', label: 'Dashboard' },
    { to: '/orders', label: 'Orders' },
    { to: '/products', label: 'Products' },
    { to: '/connector-configs', label: 'Catalog' },
    { to: '/retailers', label: 'Retailers' },
    { to: '/channels', label: 'Channels' },
    { to: '/commission', label: 'Commission' },
    { to: '/audit-log', label: 'Audit log' },
  ],
  retailer: [
    { to: '/retailer', label: 'Overview' },
    { to: '/retailer/orders', label: 'Orders' },
    { to: '/retailer/connector-configs', label: 'Catalog' },
    { to: '/retailer/category-coverage', label: 'Categories' },
    { to: '/retailer/statements', label: 'Statements' },
  ],
};

export function homeOf(role: Role): string {
  return role === 'operator' ? '/' : '/retailer';
}

function isCurrent(to: string, path: string): boolean {
  if (to === '/' || to === '/retailer') return path === to;
  return (
    path === to ||
    path.startsWith(`${to}/`) ||
    (to === '/orders' && path.startsWith('/retailer-orders/')) ||
    (to === '/connector-configs' && path.startsWith('/sync-runs/'))
  );
}

export function App() {
  const { session, loading, error } = useSession();
  const { path } = useRouter();
  if (loading) return <Loading what="the console" />;
  if (error) return <ErrorState error={error} retry={() => window.location.reload()} />;
  if (!session || path === '/sign-in') return <SignInPage />;
  return <Shell session={session} path={path} />;
}

function Shell({ session, path }: { session: Session; path: string }) {
  const { signOut } = useSession();
  const { navigate } = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  let page: ReactElement;
  const { navigate: go } = useRouter();
  useEffect(() => {
    // A retailer opening the console's address lands on its own overview.
    if (session.role === 'retailer' && path === '/') go('/retailer', { replace: true });
  }, [session.role, path, go]);
  const found = ROUTES.map((route) => ({ route, params: matchPath(route.pattern, path) })).find(
    (candidate) => candidate.params,
  );
  if (!found) page = <NotFound home={homeOf(session.role)} />;
  else if (found.route.role !== session.role) page = <NotForRole role={session.role} />;
  else {
    const Component = found.route.page;
    page = <Component key={path} params={found.params!} />;
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={homeOf(session.role)} className="brand" aria-label="Souk console, home">
          <span aria-hidden="true" className="brand-mark">
            ◆
          </span>{' '}
          Souk <span className="brand-sub">console</span>
        </Link>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <div className="who">
          <span className="role-chip" data-role={session.role}>
            {session.role === 'operator' ? 'Operator' : `Retailer · ${session.retailerName ?? session.retailerId}`}
          </span>
          <button
            type="button"
            className="secondary"
            onClick={async () => {
              await signOut();
              navigate('/sign-in', { replace: true });
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <nav id="main-nav" className={`sidenav${menuOpen ? ' open' : ''}`} aria-label="Main">
        <ul>
          {NAV[session.role].map((item) => (
            <li key={item.to}>
              <Link
                to={item.to}
                aria-current={isCurrent(item.to, path) ? 'page' : undefined}
                onClick={() => setMenuOpen(false)}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content">
        {page}
      </main>
    </div>
  );
}

function NotForRole({ role }: { role: Role }) {
  useEffect(() => {
    document.title = 'Not for your role · Souk console';
  }, []);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">Not for your role</h1>
      <p>
        This page is for {role === 'operator' ? 'retailers' : 'the marketplace operator'}. You are signed in as{' '}
        {role === 'operator' ? 'the operator' : 'a retailer'}, so nothing of it was loaded.
      </p>
      <p>
        <Link to={homeOf(role)}>Go to your overview</Link>, or sign out and sign in with another key.
      </p>
    </section>
  );
}

function NotFound({ home }: { home: string }) {
  useEffect(() => {
    document.title = 'Page not found · Souk console';
  }, []);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">Page not found</h1>
      <p>
        There is no console page at this address. <Link to={home}>Go to your overview</Link>.
      </p>
    </section>
  );
}
