/** Browser end-to-end tests: Chromium (tests/support/chromium.ts picks it) driven by playwright-core against the built app on an embedded database. */
module.exports = {
  displayName: 'tests-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', isolatedModules: true }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 60000,
};
