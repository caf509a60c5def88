// The Salesforce token vault: an org's OAuth tokens, sealed with the secret cipher (AES-256-GCM under
// LEADWIRE_SECRET_KEY, bound to the org's key so an envelope copied to another org does not open) and kept in
// the runtime's SecretStore. The store never holds a token in clear.
import { createTokenCipher, LeadwireError, type SecretStore } from '@leadwire/connector-core';
import { z } from 'zod';

/** A Salesforce record id: 15 or 18 characters. */
const salesforceId = z.string().regex(/^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/);

export const salesforceTokensSchema = z.object({
  /** the org (00D…) the tokens act in */
  orgId: salesforceId,
  /** the user (005…) who connected the org; Leadwire's writes run as this integration user */
  userId: salesforceId,
  /** the Leadwire tenant connected to this org */
  tenantId: z.string().min(1),
  /** the org's REST origin, e.g. https://acme.my.salesforce.com */
  instanceUrl: z.url(),
  /** where the tokens were issued and are refreshed: the production or sandbox login URL */
  loginUrl: z.url(),
  sandbox: z.boolean(),
  /** the identity URL (…/id/<orgId>/<userId>) */
  identityUrl: z.url(),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  scopes: z.array(z.string()),
  /** ms since the epoch of the (latest) connect */
  installedAt: z.number().int(),
  /** ms since the epoch of the latest refresh */
  refreshedAt: z.number().int().optional(),
  /** `revoked`: Salesforce refused the refresh token; the tenant waits until an admin connects the org again */
  status: z.enum(['active', 'revoked']),
  /** ms since the epoch when the revocation was noticed */
  revokedAt: z.number().int().optional(),
});
export type SalesforceTokens = z.infer<typeof salesforceTokensSchema>;

export interface SalesforceTokenVault {
  get(orgId: string): Promise<SalesforceTokens | undefined>;
  put(orgId: string, tokens: SalesforceTokens): Promise<void>;
  delete(orgId: string): Promise<void>;
}

/** The SecretStore key of an org's sealed tokens; also the cipher's context, which binds the envelope to the org. */
export const salesforceVaultKey = (orgId: string) => `salesforce:tokens:${orgId}`;

export function encryptedSalesforceTokenVault(options: {
  store: SecretStore;
  key: Buffer;
}): SalesforceTokenVault {
  const { store } = options;
  const cipher = createTokenCipher(options.key);
  return {
    async get(orgId) {
      const envelope = await store.get(salesforceVaultKey(orgId));
      if (envelope === undefined) return undefined;
      const parsed = salesforceTokensSchema.safeParse(
        JSON.parse(cipher.open(envelope, salesforceVaultKey(orgId))),
      );
      if (!parsed.success) {
        throw new LeadwireError('VALIDATION', `the stored tokens of Salesforce org ${orgId} are unreadable`);
      }
      return parsed.data;
    },
    async put(orgId, tokens) {
      if (tokens.orgId !== orgId) {
        throw new LeadwireError('VALIDATION', `tokens of org ${tokens.orgId} cannot be stored as ${orgId}`);
      }
      const checked = salesforceTokensSchema.parse(tokens);
      await store.put(
        salesforceVaultKey(orgId),
        cipher.seal(JSON.stringify(checked), salesforceVaultKey(orgId)),
      );
    },
    async delete(orgId) {
      await store.delete(salesforceVaultKey(orgId));
    },
  };
}
