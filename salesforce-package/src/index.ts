// @leadwire/salesforce-package: the jsforce CRM adapter (error parser, per-org API budget), the schema of the
// objects and fields it writes (the SFDX package under force-app declares them), the OAuth connect flows and
// `leadwire setup salesforce`.
export * from './api-budget.ts';
export * from './oauth/index.ts';
export * from './salesforce-crm.ts';
export * from './salesforce-error.ts';
export * from './schema.ts';
export * from './setup.ts';
