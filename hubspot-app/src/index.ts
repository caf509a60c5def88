// @leadwire/hubspot-app: the HubSpot CRM adapter (error parser, per-portal rate limiter, write ledger), the
// OAuth install with its encrypted token vault, and the v3 request signature the card's calls carry.
export * from './hubspot-crm.ts';
export * from './hubspot-error.ts';
export * from './oauth/index.ts';
export * from './rate-limiter.ts';
export * from './setup.ts';
export * from './signature-v3.ts';
export * from './token-vault.ts';
export * from './write-ledger.ts';
