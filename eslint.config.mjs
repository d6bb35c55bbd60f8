import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.js', '*.mjs'] },
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
