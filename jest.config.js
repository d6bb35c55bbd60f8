// One jest config, two projects. 'default': unit specs beside the code and the integration/e2e
// suites in test/. 'faults': the fault suite in test/faults, which kills, starves and floods a
// service of its own and must run alone (`--selectProjects faults --runInBand`, see scripts/test.sh).
// @swc/jest because ts-jest needs the TypeScript compiler API; decorators and metadata on for NestJS.
const swcOptions = {
  swcrc: false,
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
    // Aliases rewritten at transform time too, because jest's globalSetup ignores moduleNameMapper.
    baseUrl: __dirname,
    paths: {
      '@app/workflows': ['./libs/workflows/src/index.ts'],
      '@app/persistence': ['./libs/persistence/src/index.ts'],
      '@app/timers': ['./libs/timers/src/index.ts'],
    },
  },
  module: { type: 'commonjs' },
};

const shared = {
  testEnvironment: 'node',
  // Node 20.19+ requires ES-module-only packages (file-type) through their `module-sync` export, as
  // the built service does; jest resolves the same file, and swc turns it into CommonJS.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', 'module-sync'] },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions] },
  // axe-core is a prebuilt UMD bundle that relies on a sloppy-mode top-level this: run it as shipped.
  transformIgnorePatterns: ['/node_modules/axe-core/'],
  moduleNameMapper: {
    '^@app/workflows$': '<rootDir>/libs/workflows/src/index.ts',
    '^@app/persistence$': '<rootDir>/libs/persistence/src/index.ts',
    '^@app/timers$': '<rootDir>/libs/timers/src/index.ts',
  },
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'default',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
      testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
    },
    {
      ...shared,
      displayName: 'faults',
      roots: ['<rootDir>/test/faults'],
      testMatch: ['**/*.fault-spec.ts'],
    },
  ],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
