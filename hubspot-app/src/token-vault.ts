// The HubSpot token vault: a portal's OAuth tokens, sealed with the secret cipher (AES-256-GCM under
// LEADWIRE_SECRET_KEY) and kept in the runtime's SecretStore.
import { createTokenCipher, LeadwireError, type SecretStore } from '@leadwire/connector-core';
import { z } from 'zod';

export const hubspotTokensSchema = z.object({
  /** the HubSpot account (hub id) the tokens act in */
  portalId: z.string().regex(/^\d+$/),
  /** the Leadwire tenant that installed the app in this portal */
  tenantId: z.string().min(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** ms since the epoch when the access token stops working */
  expiresAt: z.number().int(),
  scopes: z.array(z.string()),
  /** ms since the epoch of the (latest) install */
  installedAt: z.number().int(),
  /** `revoked`: HubSpot refused the refresh token (uninstalled or revoked); the tenant waits for a reinstall */
  status: z.enum(['active', 'revoked']),
  /** ms since the epoch when the revocation was noticed */
  revokedAt: z.number().int().optional(),
});
export type HubspotTokens = z.infer<typeof hubspotTokensSchema>;

export interface TokenVault {
  get(portalId: string): Promise<HubspotTokens | undefined>;
  put(portalId: string, tokens: HubspotTokens): Promise<void>;
  delete(portalId: string): Promise<void>;
}

const vaultKey = (portalId: string) => `hubspot:tokens:${portalId}`;

/** The vault over a SecretStore: JSON sealed per portal; the store never holds a token in clear. */
export function encryptedTokenVault(options: { store: SecretStore; key: Buffer }): TokenVault {
  const { store } = options;
  const cipher = createTokenCipher(options.key);
  return {
    async get(portalId) {
      const envelope = await store.get(vaultKey(portalId));
      if (envelope === undefined) return undefined;
      const parsed = hubspotTokensSchema.safeParse(JSON.parse(cipher.open(envelope, vaultKey(portalId))));
      if (!parsed.success) {
        throw new LeadwireError(
          'VALIDATION',
          `the stored tokens of HubSpot portal ${portalId} are unreadable`,
        );
      }
      return parsed.data;
    },
    async put(portalId, tokens) {
      if (tokens.portalId !== portalId) {
        throw new LeadwireError(
          'VALIDATION',
          `tokens of portal ${tokens.portalId} cannot be stored as ${portalId}`,
        );
      }
      const checked = hubspotTokensSchema.parse(tokens);
      await store.put(vaultKey(portalId), cipher.seal(JSON.stringify(checked), vaultKey(portalId)));
    },
    async delete(portalId) {
      await store.delete(vaultKey(portalId));
    },
  };
}
