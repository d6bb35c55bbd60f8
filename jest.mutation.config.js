// The unit specs of the pure core's engine and calendar, for mutation testing (npm run test:mutation,
// stryker.config.json): they are the specs that must kill its mutants. No database, so no global setup.
// Stryker takes minutes on a shared machine, so it is not part of CI; it runs incrementally
// (reports/stryker-incremental.json), re-testing only mutants whose code or specs changed.
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/libs/workflows/src/engine', '<rootDir>/libs/workflows/src/calendar'],
  testMatch: ['**/*.spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 1,
};
