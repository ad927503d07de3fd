import { randomBytes } from 'node:crypto';
import { parseFaultPlan } from './faults.js';
import { RetailerSandbox } from './retailer-sandbox.js';

/**
 * Standalone: `npm run sandbox:retailer` takes orders on SANDBOX_RETAILER_PORT (default 3098),
 * signed with SANDBOX_RETAILER_SECRET (a fresh one is made and printed when it is unset), and
 * fails SANDBOX_RETAILER_FAULT_RATE (0..1, default 0) of them. Given SANDBOX_RETAILER_SOUK_URL and
 * SANDBOX_RETAILER_KEY (a Souk retailer key), it accepts each order after
 * SANDBOX_RETAILER_ACCEPT_AFTER_MS (default 3000) and ships it SANDBOX_RETAILER_SHIP_AFTER_MS
 * (default 5000) later, through Souk's retailer API.
 */
const port = Number(process.env.SANDBOX_RETAILER_PORT ?? 3098);
const given = process.env.SANDBOX_RETAILER_SECRET;
const secret = given ?? `whsec_${randomBytes(32).toString('base64')}`;
const soukUrl = process.env.SANDBOX_RETAILER_SOUK_URL;
const retailerKey = process.env.SANDBOX_RETAILER_KEY;
let sandbox: RetailerSandbox;
try {
  sandbox = new RetailerSandbox({
    secret,
    faults: parseFaultPlan({ rate: Number(process.env.SANDBOX_RETAILER_FAULT_RATE ?? 0) }),
    ...(soukUrl && retailerKey
      ? {
          fulfil: {
            soukUrl,
            retailerKey,
            acceptAfterMs: Number(process.env.SANDBOX_RETAILER_ACCEPT_AFTER_MS ?? 3000),
            shipAfterMs: Number(process.env.SANDBOX_RETAILER_SHIP_AFTER_MS ?? 5000),
            log: (line: string) => process.stderr.write(`Sandbox retailer: ${line}\n`),
          },
        }
      : {}),
  });
} catch (error) {
  process.stderr.write(`Sandbox retailer: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(78);
}
const url = await sandbox.listen(port);
process.stdout.write(
  `Sandbox retailer: ${url}${given ? '' : ` (secret ${secret})`}; stats at ${new URL('/_sandbox/stats', url)}\n`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void sandbox.close().then(() => process.exit(0)));
