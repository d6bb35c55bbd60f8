// The unit specs of the pure core's engine and calendar, for mutation testing (npm run test:mutation,
// stryker.config.json): they are the specs that must kill its mutants. No database, so no global setup.
// Stryker takes minutes on a shared machine, so it is not part of CI; it runs incrementally
// (reports/stryker-incremental.json), re-testing only mutants whose code or specs changed.
// The default project's transform and aliases, without its projects list (which would run every
// suite, the database ones included, for every mutant).
const base = require('./jest.config');
const defaultProject = base.projects.find((project) => project.displayName === 'default');

module.exports = {
  ...defaultProject,
  displayName: undefined,
  roots: ['<rootDir>/libs/workflows/src/engine', '<rootDir>/libs/workflows/src/calendar'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: base.testTimeout,
  maxWorkers: 1,
};
