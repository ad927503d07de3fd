import type { OutboundPolicy } from '#outbound';
import { ProblemException } from './problem.js';

/**
 * Where a URL that Souk will call is saved: a 400 problem naming the field when the outbound
 * policy refuses it without DNS (a loopback, private or other internal address, localhost,
 * credentials in the URL). Names are resolved, and checked again, only when the request is made.
 */
export function assertOutboundUrl(policy: OutboundPolicy, url: string | null | undefined, field: string): void {
  if (url === null || url === undefined) return;
  const refusal = policy.checkUrl(url);
  if (refusal) throw ProblemException.validation([{ field, message: refusal.message }]);
}
