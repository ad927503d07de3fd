import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { clientTypes } from '../src/client-generation/client-files.js';
import { declaredRoutes } from '../../../test/support/declared-routes.js';
import { GENERATED_CLIENT_USAGE } from '../../../test/support/generated-client-usage.js';
import {
  closedEmptyObjects,
  operationsOf,
  resolveSchema,
  type OpenApiDocument,
} from '../../../test/support/openapi-document.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('the OpenAPI document is complete enough for a generated client', () => {
  let t: TestApp;
  let document: OpenApiDocument;
  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.request('GET', '/docs/openapi.json', { key: null })).body;
  });
  afterAll(() => t.close());

  it('documents a request body for exactly the write routes that read one', () => {
    const routes = declaredRoutes(t.app).filter((route) => WRITES.has(route.method));
    const operations = new Map(operationsOf(document).map((entry) => [`${entry.method} ${entry.path}`, entry]));
    const wrong = routes
      .filter((route) => route.readsBody !== Boolean(operations.get(route.name)?.operation.requestBody))
      .map((route) => `${route.name} (${route.readsBody ? 'reads a body' : 'reads none'})`);
    expect(wrong).toEqual([]);
    expect(routes.filter((route) => route.readsBody).length).toBeGreaterThan(30);
  });

  it('gives every request body a schema a client can fill: no object without members', () => {
    const empty = operationsOf(document).flatMap(({ method, path, operation }) =>
      Object.entries(operation.requestBody?.content ?? {}).flatMap(([type, media]) =>
        media.schema
          ? closedEmptyObjects(document, media.schema).map((where) => `${method} ${path} ${type} ${where}`)
          : [`${method} ${path} ${type} has no schema`],
      ),
    );
    expect(empty).toEqual([]);
  });

  it('documents catalog uploads in the media types the server takes, as binary', async () => {
    const upload = document.paths['/v1/retailer/connector-configs/{id}/uploads']!.post!.requestBody!.content;
    expect(Object.keys(upload)).toEqual(expect.arrayContaining(['text/csv', 'application/xml']));
    for (const media of Object.values(upload)) expect(media.schema).toEqual({ type: 'string', format: 'binary' });
    const id = '5f0c6f0e-2d1b-4a57-9b55-3e4a0f0b9b11';
    for (const type of Object.keys(upload)) {
      const answer = await t.request('POST', `/v1/admin/connector-configs/${id}/uploads`, {
        headers: { 'content-type': type },
        body: 'id,title\n1,Mug\n',
      });
      expect([type, answer.status]).toEqual([type, 404]);
    }
    const json = await t.request('POST', `/v1/admin/connector-configs/${id}/uploads`, { body: { id: 1 } });
    expect(json.status).toBe(415);
  });

  it('describes every error answer as an application/problem+json Problem, 409 and 422 included', () => {
    const errors = operationsOf(document).flatMap(({ method, path, operation }) =>
      Object.entries(operation.responses ?? {})
        .filter(([status]) => Number(status) >= 400)
        .map(([status, response]) => ({ name: `${status} ${method} ${path}`, status, response })),
    );
    expect(errors.filter((error) => error.status === '409').length).toBeGreaterThan(10);
    expect(errors.filter((error) => error.status === '422').length).toBeGreaterThan(10);
    const undescribed = errors
      .filter((error) => error.response.content?.['application/problem+json']?.schema?.$ref !== PROBLEM_REF)
      .map((error) => error.name);
    expect(undescribed).toEqual([]);
    const problem = resolveSchema(document, { $ref: PROBLEM_REF });
    expect(Object.keys(problem.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'requestId', 'errors']),
    );
    expect(problem.required).toEqual(['type', 'title', 'status']);
    expect(problem.additionalProperties).toBe(true);
  });

  it('generates a client with which checkout, uploads and connector configs type-check', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'souk-generated-client-'));
    try {
      await writeFile(join(folder, 'souk-api.ts'), await clientTypes(document));
      await writeFile(join(folder, 'usage.ts'), GENERATED_CLIENT_USAGE);
      await writeFile(join(folder, 'tsconfig.json'), JSON.stringify(STRICT_PROJECT));
      await writeFile(join(folder, 'package.json'), JSON.stringify({ type: 'module' }));
      await symlink(resolve('node_modules'), join(folder, 'node_modules'), 'dir');
      const tsc = resolve('node_modules/typescript/bin/tsc');
      const checked = await promisify(execFile)(process.execPath, [tsc, '-p', folder]).then(
        () => '',
        (failure: { stdout?: string }) => failure.stdout ?? String(failure),
      );
      expect(checked).toBe('');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 180_000);
});

const PROBLEM_REF = '#/components/schemas/ProblemView';

const STRICT_PROJECT = {
  compilerOptions: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
  },
  files: ['souk-api.ts', 'usage.ts'],
};
