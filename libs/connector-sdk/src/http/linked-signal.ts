/**
 * One signal that fires when either given signal does, and a way to let go of them. Unlike
 * AbortSignal.any, unlinking leaves nothing behind on a long-lived signal such as a sync run's
 * (nodejs/node#55351: AbortSignal.any leaks when one of its signals lives long).
 */
export function linkSignals(
  first: AbortSignal | undefined,
  second: AbortSignal | undefined,
): { signal: AbortSignal | undefined; unlink: () => void } {
  if (!first || !second || first === second) return { signal: first ?? second, unlink: () => undefined };
  const controller = new AbortController();
  const abort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  const signals = [first, second];
  for (const signal of signals) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', abort, { once: true });
  }
  return {
    signal: controller.signal,
    unlink: () => signals.forEach((signal) => signal.removeEventListener('abort', abort)),
  };
}
