/**
 * Reliability suite: faults, outages, replicas and bad input against real processes and a real
 * PostgreSQL. RELIABILITY_SIZE=quick (CI) or full (default locally) sets how many cases run.
 */
module.exports = {
  displayName: 'tests-reliability',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  globalSetup: '<rootDir>/../support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/print-summary.ts',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', isolatedModules: true }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 180000,
};
