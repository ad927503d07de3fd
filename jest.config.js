/** Jest runs in native ESM mode (NestJS 12 ships ES modules only); SWC strips types and keeps decorator metadata. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
    target: 'es2022',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['souk-source', 'node', 'node-addons'] },
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/{apps,libs,connectors,test}/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 30000,
  // Each test file loads the whole application anew into one process, and what a file leaves behind (module copies,
  // compiled code) slows every later file. Tests run in one worker (two cores: tests and PostgreSQL share them), and
  // the worker is replaced after a file that leaves it above this much memory.
  maxWorkers: 1,
  workerIdleMemoryLimit: '1200MB',
};
