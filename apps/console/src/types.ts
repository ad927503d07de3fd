/** The API's answers, as far as the console reads them (see libs/client/openapi.json). */

export interface Retailer {
  id: string;
  name: string;
  slug: string;
  status: 'active' | 'paused';
  defaultCurrency: string;
  contactEmail: string;
  countries: string[];
  channelPolicy: string;
  createdAt: string;
}

export interface Channel {
  id: string;
  name: string;
  status: 'active' | 'paused';
  webhookUrl: string | null;
  locale: string;
  currency: string;
  whatsappNumber: string | null;
  whatsappCatalogId: string | null;
  createdAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  role: 'operator' | 'retailer' | 'channel';
  retailerId: string | null;
  channelId: string | null;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ConnectorInfo {
  id: string;
  name: string;
  description: string;
  capabilities: string[];
  acceptsUpload: boolean;
  settingsSchema: unknown;
  secretsSchema: unknown;
}

export interface ConnectorConfig {
  id: string;
  retailerId: string;
  connectorId: string;
  name: string;
  settings: Record<string, unknown>;
  secretsSet: string[];
  enabled: boolean;
  scheduleIntervalMinutes: number | null;
  nextRunAt: string | null;
  createdAt: string;
}

export interface SyncRun {
  id: string;
  configId: string;
  retailerId: string;
  mode: string;
  trigger: string;
  status: 'queued' | 'running' | 'succeeded' | 'not_modified' | 'failed';
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  failed: number;
  warnings: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  createdAt: string;
}

export interface SyncIssue {
  itemId: string | null;
  line: number | null;
  severity: 'error' | 'warning';
  field: string | null;
  message: string;
}

export interface OrderLine {
  id: string;
  position: number;
  offerId: string;
  retailerItemId: string;
  title: string;
  brand: string | null;
  quantity: number;
  currency: string;
  unitPriceMinor: string;
  totalMinor: string;
  status: string;
  reason: string | null;
}

export interface Transition {
  from: string | null;
  to: string;
  by: string;
  reason: string | null;
  at: string;
}

export interface RetailerOrder {
  id: string;
  orderId: string;
  retailerId: string;
  status: string;
  currency: string;
  totalMinor: string;
  refundedMinor: string;
  method: string;
  externalReference: string | null;
  acceptBy: string | null;
  tracking: { carrier: string | null; number: string | null; url: string | null } | null;
  reason: string | null;
  lines: OrderLine[];
  history: Transition[];
  createdAt: string;
  customer?: { name: string | null; email: string | null; phone: string | null };
  shippingAddress?: {
    name: string;
    line1: string;
    line2: string | null;
    postalCode: string;
    city: string;
    region: string | null;
    country: string;
  };
}

export interface Order {
  id: string;
  channelId: string;
  status: string;
  customer: { name: string | null; email: string | null; phone: string | null };
  shippingAddress: {
    name: string;
    line1: string;
    line2: string | null;
    postalCode: string;
    city: string;
    region: string | null;
    country: string;
  };
  totals: { currency: string; amountMinor: string }[];
  retailerOrders: RetailerOrder[];
  createdAt: string;
}

export interface RoutingAttempt {
  number: number;
  method: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string | null;
  responseStatus: number | null;
  error: string | null;
  retryAt: string | null;
}

export interface StatementTotals {
  grossSalesMinor: string;
  cancelledSalesMinor: string;
  refundsMinor: string;
  commissionAccruedMinor: string;
  commissionReversedMinor: string;
  adjustmentsMinor: string;
  netCommissionMinor: string;
  entries: number;
}

export interface Statement {
  retailerId: string;
  currency: string;
  period: string;
  status: 'open' | 'issued';
  issuedAt: string | null;
  totals: StatementTotals;
}
