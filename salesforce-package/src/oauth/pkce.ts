// PKCE (RFC 7636) for the web server flow: a random verifier kept server-side and its S256 challenge sent in the
// authorize URL. Salesforce accepts S256 only.
// https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_pkce.htm&type=5
import { createHash, randomBytes } from 'node:crypto';

/** 43–128 characters of [A-Za-z0-9-._~]: 64 random bytes in base64url are 86 characters. */
export function createCodeVerifier(): string {
  return randomBytes(64).toString('base64url');
}

/** BASE64URL(SHA256(verifier)), without padding. */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
