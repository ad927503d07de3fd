export type { CatalogProduct, CatalogSnapshot, Money } from './catalog/catalog.js';
export { SEND_FAULTS, type FaultPlan, type SendFault } from './faults.js';
export { GRAPH_ERRORS, type GraphErrorBody, type WebhookError } from './graph-errors.js';
export type { UserSendOptions, UserSendResult } from './phone-users.js';
export type {
  ConversationEntry,
  InboundEntry,
  OutboundEntry,
  SandboxUser,
  SentMessageRecord,
  StatusRecord,
} from './records.js';
export type { ReEngagementFailure } from './send-api.js';
export type { TemplateDefinition, TemplateOption } from './templates.js';
export { UserMessageError, type OrderItemInput, type UserMessage } from './user-messages.js';
export {
  DEFAULT_RETRY_POLICY,
  type DeliveryAttempt,
  type DeliveryState,
  type RetryPolicy,
  type WebhookDelivery,
} from './webhooks/webhook-delivery.js';
export type {
  InboundMessage,
  MessageStatus,
  OrderItem,
  StatusUpdate,
  WebhookNotification,
  WebhookValue,
} from './webhooks/webhook-payloads.js';
export { hubSignature256 } from './webhooks/webhook-signature.js';
export type { VerificationResult } from './webhooks/webhook-verification.js';
export * from './whatsapp-sandbox.js';
