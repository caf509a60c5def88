// The OAuth 2.0 JWT bearer flow (server-to-server, no browser): Leadwire signs an RS256 assertion with the
// connected app's private key (iss = consumer key, sub = the integration user's username, aud = the login URL,
// exp ≤ 3 minutes) and trades it at the token endpoint for an access token. There is no refresh token: on a 401
// the connection signs a fresh assertion. The user must be pre-authorized for the connected app (admin-approved
// users, via profile or permission set). https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_jwt_flow.htm&type=5
import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { type Clock, LeadwireError, systemClock } from '@leadwire/connector-core';
import { Connection, OAuth2, type Schema } from 'jsforce';
import { z } from 'zod';
import { useLeadwireRefresh } from './refreshing-connection.ts';
import {
  DEFAULT_SALESFORCE_API_VERSION,
  parseIdentityUrl,
  SALESFORCE_LOGIN_URL,
} from './salesforce-oauth.ts';
import { tokenEndpointError, tokenEndpointRefusal } from './token-endpoint-error.ts';

export const JWT_BEARER_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Salesforce refuses assertions that expire more than 3 minutes out. */
export const MAX_ASSERTION_TTL_MS = 3 * 60_000;

export interface SalesforceJwtConfig {
  /** the connected app's consumer key: the assertion's `iss` */
  consumerKey: string;
  /** the integration user's username: the assertion's `sub` */
  username: string;
  /** the PEM private key whose certificate is uploaded to the connected app (RSA) */
  privateKey: string | KeyObject;
  /** the token endpoint's host (login, test, My Domain or an Experience Cloud site) @defaultValue `https://login.salesforce.com` */
  loginUrl?: string;
  /** the assertion's `aud` @defaultValue jwtAudience(loginUrl) */
  audience?: string;
  /** @defaultValue DEFAULT_SALESFORCE_API_VERSION */
  apiVersion?: string;
  /** how long each assertion is valid @defaultValue MAX_ASSERTION_TTL_MS (3 minutes, the most Salesforce accepts) */
  assertionTtlMs?: number;
  clock?: Clock;
}

export interface JwtAssertionInput {
  consumerKey: string;
  username: string;
  audience: string;
  privateKey: string | KeyObject;
  /** ms since the epoch */
  now: number;
  /** @defaultValue MAX_ASSERTION_TTL_MS */
  ttlMs?: number;
}

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The signed assertion `header.claims.signature`, header `{"alg":"RS256"}` as in Salesforce's docs. */
export function signJwtAssertion(input: JwtAssertionInput): string {
  const ttlMs = input.ttlMs ?? MAX_ASSERTION_TTL_MS;
  if (!(ttlMs > 0 && ttlMs <= MAX_ASSERTION_TTL_MS)) {
    throw new LeadwireError('VALIDATION', 'a JWT bearer assertion must expire within 3 minutes');
  }
  let key: KeyObject;
  try {
    key = typeof input.privateKey === 'string' ? createPrivateKey(input.privateKey) : input.privateKey;
  } catch (error) {
    throw new LeadwireError('VALIDATION', 'the Salesforce JWT private key is not a PEM private key', {
      cause: error,
    });
  }
  if (key.type !== 'private' || key.asymmetricKeyType !== 'rsa') {
    throw new LeadwireError('VALIDATION', 'the Salesforce JWT key must be an RSA private key (RS256)');
  }
  const signingInput = `${b64url({ alg: 'RS256' })}.${b64url({
    iss: input.consumerKey,
    sub: input.username,
    aud: input.audience,
    exp: Math.floor((input.now + ttlMs) / 1000),
  })}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), key).toString('base64url')}`;
}

const jwtTokenAnswer = z.object({
  access_token: z.string().min(1),
  instance_url: z.url(),
  id: z.url(),
});
export type JwtToken = z.infer<typeof jwtTokenAnswer>;

/**
 * The assertion's `aud`: Salesforce accepts only https://login.salesforce.com, https://test.salesforce.com or an
 * Experience Cloud site's URL — never a My Domain, even when the token request goes to one. A production My
 * Domain means login, a sandbox's (`*.sandbox.my.salesforce.com`) test; any other host is taken as the login or
 * site URL it is. https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_jwt_flow.htm&type=5
 */
export function jwtAudience(loginUrl: string): string {
  const url = new URL(loginUrl);
  const host = url.hostname.toLowerCase();
  if (host.endsWith('.sandbox.my.salesforce.com')) return 'https://test.salesforce.com';
  if (host.endsWith('.my.salesforce.com')) return 'https://login.salesforce.com';
  // a site's URL keeps its path prefix (`https://acme.my.site.com/partners`)
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Sign an assertion and trade it for an access token. */
export async function requestJwtToken(config: SalesforceJwtConfig): Promise<JwtToken> {
  const loginUrl = (config.loginUrl ?? SALESFORCE_LOGIN_URL).replace(/\/+$/, '');
  const assertion = signJwtAssertion({
    consumerKey: config.consumerKey,
    username: config.username,
    audience: config.audience ?? jwtAudience(loginUrl),
    privateKey: config.privateKey,
    now: (config.clock ?? systemClock).now(),
    ...(config.assertionTtlMs === undefined ? {} : { ttlMs: config.assertionTtlMs }),
  });
  // no client id or secret on the OAuth2: the assertion is the whole credential
  const oauth2 = new OAuth2({ loginUrl });
  let answer: unknown;
  try {
    answer = await oauth2.requestToken({ grant_type: JWT_BEARER_GRANT_TYPE, assertion });
  } catch (error) {
    const refusal = tokenEndpointRefusal(error);
    if (refusal?.error === 'invalid_grant') {
      throw new LeadwireError(
        'AUTH_REVOKED',
        `Salesforce refused the JWT bearer assertion for ${config.username} (${refusal.description}): check ` +
          'salesforce.jwt.username, that the connected app holds the certificate of this key, and that the user is ' +
          'pre-authorized ("Admin approved users are pre-authorized" plus the profile or permission set)',
        { cause: error, details: { reason: refusal.error, description: refusal.description } },
      );
    }
    throw tokenEndpointError(error, 'the JWT bearer token request');
  }
  const parsed = jwtTokenAnswer.safeParse(answer);
  if (!parsed.success) {
    throw new LeadwireError('TEMPORARY', 'Salesforce answered the JWT bearer request without a usable token');
  }
  return parsed.data;
}

/** A jsforce Connection for the JWT bearer flow; on an expired session it signs a new assertion. */
export async function jwtConnection<S extends Schema = Schema>(
  config: SalesforceJwtConfig,
): Promise<Connection<S>> {
  const token = await requestJwtToken(config);
  const connection = new Connection<S>({
    instanceUrl: token.instance_url.replace(/\/+$/, ''),
    accessToken: token.access_token,
    version: config.apiVersion ?? DEFAULT_SALESFORCE_API_VERSION,
  });
  const ids = parseIdentityUrl(token.id);
  if (ids !== undefined) connection.userInfo = { id: ids.userId, organizationId: ids.orgId, url: token.id };
  return useLeadwireRefresh(connection, async () => {
    const fresh = await requestJwtToken(config);
    return { accessToken: fresh.access_token, instanceUrl: fresh.instance_url.replace(/\/+$/, '') };
  });
}
