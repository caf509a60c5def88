// Jest for the Lightning Web Components (run through `sfdx-lwc-jest` from this folder, next to
// sfdx-project.json). CommonJS because the package is "type": "module".
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  // the default stub's NavigationMixin is a no-op; this mock records what the component navigated to
  moduleNameMapper: {
    '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation',
  },
  // only the component tests: test/*.test.ts are node:test files (adapter, offline validation)
  roots: ['<rootDir>/force-app'],
  testMatch: ['**/lwc/**/__tests__/**/*.test.js'],
  modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
};
