import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Cross-app suites boot the real API, so they reach into apps/ and tests/support by design.
    files: ['**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
