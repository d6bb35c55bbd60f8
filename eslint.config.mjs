import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Layering: apps/api → libs/timers → libs/persistence → libs/workflows. A layer imports the ones
// below it by alias (@app/<lib>), never the ones above, never another library's files, and no
// library imports the application. ESLint applies one no-restricted-imports setting per file, so
// each layer lists everything it may not import.
const noApplication = {
  group: ['**/apps/**', '@app/api', '@app/api/**'],
  message: 'A library never imports the application (apps/api): the application imports the libraries.',
};
const otherLibraryFiles = (...libraries) => ({
  group: libraries.flatMap((lib) => [`**/${lib}/src/**`, `**/libs/${lib}/**`]),
  message: "Import another library by its alias (@app/<lib>), through its index, never its files.",
});
const above = (...aliases) => ({
  group: aliases,
  message: 'Dependencies point down: apps/api → libs/timers → libs/persistence → libs/workflows.',
});

export default tseslint.config(
  // test/generated: written by openapi-typescript (npm run api:types), checked by a test, not by hand.
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/generated/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // libs/workflows stays pure: no framework, database or queue imports, and none of ours.
    files: ['libs/workflows/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'pg', 'bullmq', 'ioredis'],
              message: 'libs/workflows is pure: no framework, database or queue.',
            },
            above('@app/persistence', '@app/timers'),
            otherLibraryFiles('persistence', 'timers'),
            noApplication,
          ],
        },
      ],
    },
  },
  {
    files: ['libs/persistence/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['bullmq'], message: 'Queues belong to libs/timers: the engine writes outbox rows.' },
            above('@app/timers'),
            otherLibraryFiles('workflows', 'timers'),
            noApplication,
          ],
        },
      ],
    },
  },
  {
    files: ['libs/timers/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [otherLibraryFiles('workflows', 'persistence'), noApplication] },
      ],
    },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [otherLibraryFiles('workflows', 'persistence', 'timers')] },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts', 'scripts/**/*.mjs', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
