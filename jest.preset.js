const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // A few dependencies ship ES modules only; jest's CommonJS runtime needs them transpiled (linkedom's own
  // dependencies among them: css-select, domutils, entities…, which Node 20 loads as ES modules).
  transformIgnorePatterns: [
    '/node_modules/(?!(.*/)?(content-disposition|boolbase|css-select|css-what|dom-serializer|domelementtype|domhandler|domutils|entities|nth-check|html-escaper|htmlparser2|cssomnom|uhyphen)/)',
  ],
};
