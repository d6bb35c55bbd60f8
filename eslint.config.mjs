import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

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
      // libs/workflows stays pure: no framework, database or queue imports.
    },
  },
  {
    files: ['libs/workflows/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'pg', 'bullmq', 'ioredis', '@app/persistence', '@app/timers'] },
      ],
    },
  },
  {
    files: ['libs/persistence/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@app/timers', 'bullmq'] }] },
  },
  {
    files: ['scripts/**/*.ts', 'scripts/**/*.mjs', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
