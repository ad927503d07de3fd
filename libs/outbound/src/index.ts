export { classifyAddress, type AddressRule, type RefusedAddress } from './address-classification.js';
export { limitBytes, describeBytes, ResponseTooLargeError } from './byte-limit.js';
export type { OutboundLookup } from './checked-lookup.js';
export { OutboundAllowance, OutboundAllowanceError } from './outbound-allowance.js';
export { MAX_REDIRECTS, OutboundPolicy, type OutboundPolicyOptions, type RedirectOptions } from './outbound-policy.js';
export { OutboundRefusedError, type OutboundRule } from './outbound-refused-error.js';
