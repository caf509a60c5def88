// OAuth install for the HubSpot app: authorize URL and signed state, callback, token refresh, routes, and the
// secret stores the token vault and state nonces live in.
export * from './hubspot-oauth.ts';
export * from './oauth-routes.ts';
export * from './oauth-state.ts';
