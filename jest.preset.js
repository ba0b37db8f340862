const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // A few dependencies ship ES modules only; jest's CommonJS runtime needs them transpiled.
  transformIgnorePatterns: ['/node_modules/(?!(.*/)?(content-disposition|feed)/)'],
};
