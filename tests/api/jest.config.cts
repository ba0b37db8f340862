/** API integration tests: the real Nest app on a real PostgreSQL (DATABASE_URL's server, or an embedded one). */
module.exports = {
  displayName: 'tests-api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  globalSetup: '<rootDir>/../support/global-setup.ts',
  globalTeardown: '<rootDir>/../support/global-teardown.ts',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', isolatedModules: true }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  testTimeout: 30000,
  maxWorkers: 2,
};
