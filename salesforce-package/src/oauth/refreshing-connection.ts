// Session refresh for a jsforce Connection whose refresh is Leadwire's: jsforce calls the refresh function on a
// 401, waits for it, emits `refresh` and replays the request. Its delegate wraps a failure as
// `Error('Unable to refresh session due to: …')`, which would lose AUTH_REVOKED, so this delegate rethrows the
// LeadwireError the refresh function failed with (concurrent requests already receive it from `waitRefresh`).
import type { LeadwireError } from '@leadwire/connector-core';
import { isLeadwireError } from '@leadwire/connector-core';
import type { Connection, Schema } from 'jsforce';
import type { TokenResponse } from 'jsforce/lib/oauth2.js';
import { SessionRefreshDelegate } from 'jsforce/lib/session-refresh-delegate.js';

export interface RefreshedSession {
  accessToken: string;
  /** the org's REST origin after the refresh (Salesforce may move an org) */
  instanceUrl?: string;
  refreshToken?: string;
  /** the token endpoint's answer; absent when another connection or process had already refreshed */
  response?: TokenResponse;
}

class LeadwireRefreshDelegate<S extends Schema> extends SessionRefreshDelegate<S> {
  failure: LeadwireError | undefined;

  override async refresh(since: number): Promise<void> {
    try {
      await super.refresh(since);
    } catch (error) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure ?? error;
    }
  }
}

/**
 * Make `refresh` the connection's session refresh. After it succeeds jsforce sets the access token and emits
 * `refresh(accessToken, response)`; the refresh token and instance URL are set here (jsforce's own refresh never
 * keeps a rotated refresh token: research salesforce.md §1.3).
 */
export function useLeadwireRefresh<S extends Schema>(
  connection: Connection<S>,
  refresh: (staleAccessToken: string | null | undefined) => Promise<RefreshedSession>,
): Connection<S> {
  const delegate: LeadwireRefreshDelegate<S> = new LeadwireRefreshDelegate(connection, (conn, callback) => {
    refresh(conn.accessToken).then(
      (session) => {
        if (session.refreshToken !== undefined) conn.refreshToken = session.refreshToken;
        if (session.instanceUrl !== undefined) conn.instanceUrl = session.instanceUrl;
        callback(null, session.accessToken, session.response);
      },
      (error: unknown) => {
        if (isLeadwireError(error)) delegate.failure = error;
        callback(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
  connection._refreshDelegate = delegate;
  return connection;
}
