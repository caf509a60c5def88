// ESLint for the Lightning Web Components: Salesforce's recommended LWC rules (@salesforce/eslint-config-lwc),
// the rules a Salesforce DX project lints its components with. The Node code is linted by Biome (root).
const lwcConfig = require('@salesforce/eslint-config-lwc');

module.exports = [
  ...lwcConfig.configs.recommended,
  {
    // as Salesforce DX's project template: Jest tests drive the wire adapters' test doubles directly
    files: ['force-app/**/lwc/**/__tests__/**/*.js', 'force-app/test/jest-mocks/**/*.js'],
    languageOptions: { globals: { ...require('globals').jest } },
    rules: { '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off' },
  },
];
