// OAuth install for the HubSpot app: authorize URL and signed state, callback, token refresh, routes, and the
// secret stores the token vault and state nonces live in.
export * from './hubspot-oauth.ts';
export * from './oauth-routes.ts';
export * from './oauth-state.ts';
export * from './redis-secret-store.ts';
export type * from './secret-store.ts';
export * from './sqlite-secret-store.ts';
