// Connecting Salesforce orgs: the PKCE web server flow (authorize URL, signed state, callback, routes), the
// encrypted token vault, refreshing jsforce Connections, and the JWT bearer flow for server-to-server use.
export * from './jwt-bearer.ts';
export * from './oauth-routes.ts';
export * from './oauth-state.ts';
export * from './pkce.ts';
export * from './refreshing-connection.ts';
export * from './salesforce-oauth.ts';
export * from './salesforce-token-vault.ts';
export * from './token-endpoint-error.ts';
