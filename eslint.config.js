import eslint from '@eslint/js';
import prettierOff from 'eslint-config-prettier/flat';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // libs/client/src/souk-api.ts is generated (npm run client:generate).
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.souk/', 'libs/client/src/souk-api.ts'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(only|skip)$/][callee.object.name=/^(it|describe|test)$/]',
          message: 'Every test runs in CI: no focused or skipped tests.',
        },
      ],
    },
  },
  {
    // Request DTOs use the shared decorators of #platform, which keep values to what the database takes.
    files: ['libs/*/src/**/*.ts', 'apps/*/src/**/*.ts', 'connectors/*/src/**/*.ts'],
    ignores: ['libs/platform/src/http/*.decorator.ts', 'libs/platform/src/http/*.decorators.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional'],
              message:
                'Use Omittable (absent, never null) or Nullable (absent or null) from #platform: IsOptional lets null through.',
            },
            {
              name: 'class-validator',
              importNames: ['IsInt'],
              message:
                'Use IsInteger from #platform: it keeps an integer within its column (int4 unless told otherwise).',
            },
            {
              name: 'class-validator',
              importNames: ['ValidateNested'],
              message:
                'Use Nested from #platform: ValidateNested takes an array where one object belongs, and checks nothing in it.',
            },
            {
              name: 'class-validator',
              importNames: ['IsDate'],
              message:
                'Use IsDateTime from #platform: @Type(() => Date) turns numbers, booleans and loose strings into dates.',
            },
          ],
        },
      ],
    },
  },
  {
    // The phone simulator's page scripts run in the browser, as plain ES modules.
    files: ['apps/sandbox-whatsapp/simulator/**/*.js'],
    languageOptions: {
      globals: {
        document: 'readonly',
        window: 'readonly',
        location: 'readonly',
        navigator: 'readonly',
        Node: 'readonly',
        Event: 'readonly',
        EventSource: 'readonly',
        URLSearchParams: 'readonly',
        CSS: 'readonly',
        Intl: 'readonly',
      },
    },
  },
  {
    // The console is a browser app (React); its hooks follow React's rules.
    files: ['apps/console/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-globals': [
        'error',
        {
          name: 'localStorage',
          message: 'The console keeps nothing in web storage: the session is an HttpOnly cookie.',
        },
        {
          name: 'sessionStorage',
          message: 'The console keeps nothing in web storage: the session is an HttpOnly cookie.',
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['**/test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  // Layout is Prettier's (npm run format); ESLint keeps to what the code means.
  prettierOff,
);
