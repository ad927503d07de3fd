import {
  malformedProbes,
  wellFormedReads,
  type Probe,
  type ProbeContext,
} from '../../../test/support/malformed-probes.js';
import {
  createMarketplaceFixtures,
  fixtureForField,
  fixtureForPath,
  keyForPath,
  type MarketplaceFixtures,
} from '../../../test/support/marketplace-fixtures.js';
import { operationsOf, type OpenApiDocument } from '../../../test/support/openapi-document.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

/** A request without an answer in this time has hung. */
const ANSWER_WITHIN_MS = 15_000;
const CONCURRENT_REQUESTS = 6;

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

async function send(baseUrl: string, probe: Probe): Promise<Answer | 'no answer'> {
  const headers: Record<string, string> = {
    ...probe.headers,
    ...(probe.contentType ? { 'content-type': probe.contentType } : {}),
  };
  try {
    const response = await fetch(baseUrl + probe.url, {
      method: probe.method,
      headers,
      body: probe.body,
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return 'no answer';
    throw error;
  }
}

/** What is wrong with the answer to a malformed request, or undefined when it is right. */
function fault(probe: Probe, answer: Answer | 'no answer'): string | undefined {
  if (answer === 'no answer') return `no answer within ${ANSWER_WITHIN_MS} ms`;
  const { status, contentType, text } = answer;
  if (status >= 500) return `answered ${status}: ${text.slice(0, 300)}`;
  if (status === 401 || status === 403)
    return `answered ${status}: the probe used the wrong key, so nothing was validated`;
  const { expect } = probe;
  if (expect.refused && status < 400) return `accepted it with ${status}`;
  if (status < 400) return undefined;
  if (!contentType.startsWith('application/problem+json'))
    return `answered ${status} as ${contentType || 'no content type'}: ${text.slice(0, 200)}`;
  const problem = JSON.parse(text) as { type?: string; status?: number; detail?: string; errors?: { field: string }[] };
  if (problem.status !== status || !problem.type) return `answered a malformed problem: ${text.slice(0, 200)}`;
  if (!expect.refused) return undefined;
  if (expect.status !== undefined && status !== expect.status)
    return `answered ${status}, not ${expect.status}: ${text.slice(0, 300)}`;
  if (expect.hides !== undefined && text.includes(expect.hides)) return `echoed the request: ${text.slice(0, 300)}`;
  if (expect.detail && !expect.detail.test(problem.detail ?? ''))
    return `detail ${JSON.stringify(problem.detail)} does not match ${String(expect.detail)}`;
  if (expect.field !== undefined) {
    const field = expect.field;
    const named = (problem.errors ?? []).some(
      (error) => error.field === field || error.field.startsWith(`${field}.`) || error.field.startsWith(`${field}[`),
    );
    if (status !== 400 || !named) return `answered ${status} without naming ${field}: ${text.slice(0, 300)}`;
  }
  return undefined;
}

/** Sends every probe, a few at a time, and lists the wrong answers. */
async function faultsOf(baseUrl: string, probes: readonly Probe[]): Promise<string[]> {
  const faults: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const probe = probes[next++]!;
      const problem = fault(probe, await send(baseUrl, probe));
      if (problem) faults.push(`${probe.operation} | ${probe.mutation} | ${problem}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, worker));
  return faults.sort();
}

describe('malformed requests to every operation of the OpenAPI document', () => {
  let t: TestApp;
  let fixtures: MarketplaceFixtures;
  let document: OpenApiDocument;
  let probes: Probe[];
  let tried = 0;
  /** The console's own routes authenticate by session cookie, not by key. */
  let consoleSession: Record<string, string> = {};

  beforeAll(async () => {
    // Channel keys are rate limited; this suite sends them hundreds of requests a minute on purpose.
    t = await startTestApp({ SOUK_CHANNEL_REQUESTS_PER_MINUTE: '0' });
    fixtures = await createMarketplaceFixtures(t);
    document = (await t.request('GET', '/docs/openapi.json', { key: null })).body;
    const session = await t.request('POST', '/v1/console/session', { key: null, body: { apiKey: t.operatorKey } });
    consoleSession = {
      cookie: (session.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': session.body.csrfToken,
    };
    probes = malformedProbes(document, probeContext());
  }, 60_000);
  afterAll(async () => {
    console.log(
      `Malformed requests: ${tried} tried across ${operationsOf(document).length} operations of the OpenAPI document.`,
    );
    await t.close();
  });

  const probeContext = (): ProbeContext => ({
    pathValue: (path, name) => fixtureForPath(fixtures, path, name),
    fieldValue: (name) => fixtureForField(fixtures, name),
    headersFor: (path): Record<string, string> => {
      if (path.startsWith('/v1/console/')) return consoleSession;
      const key = keyForPath(t, fixtures, path);
      return key ? { authorization: `Bearer ${key}` } : {};
    },
  });

  const run = async (kind: RegExp) => {
    const selected = probes.filter((probe) => kind.test(probe.mutation));
    expect(selected.length).toBeGreaterThan(0);
    tried += selected.length;
    expect(await faultsOf(t.baseUrl, selected)).toEqual([]);
  };

  it('derives probes for every operation that takes parameters or a body', () => {
    const probed = new Set(probes.map((probe) => probe.operation));
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(100);
    const takesInput = operations.filter(
      ({ method, operation }) => method !== 'GET' || (operation.parameters ?? []).length > 0,
    );
    expect(
      takesInput.map(({ method, path }) => `${method} ${path}`).filter((operation) => !probed.has(operation)),
    ).toEqual([]);
  });

  it('answers the well-formed request of every read with 2xx, so the probes reach records that exist', async () => {
    const reads = wellFormedReads(document, probeContext());
    const answers = await Promise.all(
      reads.map(async (read) => ({ read: read.operation, answer: await send(t.baseUrl, read) })),
    );
    expect(
      answers
        .filter(({ answer }) => answer === 'no answer' || answer.status >= 300)
        .map(
          ({ read, answer }) =>
            `${read}: ${answer === 'no answer' ? answer : `${answer.status} ${answer.text.slice(0, 200)}`}`,
        ),
    ).toEqual([]);
  });

  it('refuses malformed path parameters with a problem naming the parameter', () => run(/^path /), 120_000);

  it(
    'refuses malformed query parameters and cursors with a problem naming the parameter',
    () => run(/^query /),
    120_000,
  );

  it('refuses malformed body fields with a problem naming the field', () => run(/^body [^:]/), 120_000);

  it('refuses bodies that cannot be read: too deep, not JSON, the wrong content type', () => run(/^body: /), 120_000);
});
