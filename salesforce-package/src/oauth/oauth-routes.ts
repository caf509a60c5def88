// The connect endpoints a Salesforce admin's browser visits: /oauth/salesforce/install?link=<operator's install
// link> redirects to the production (or, with &sandbox=true, the sandbox) login page with a signed state bound
// to the link and a PKCE challenge;
// /oauth/salesforce/callback finishes the connect and answers with a short page saying what happened.
import { type OAuthRouteLogger, oauthFlowHandlers, queryParam } from '@leadwire/connector-core';
import { Router } from 'express';
import type { SalesforceOAuth } from './salesforce-oauth.ts';

export type { OAuthRouteLogger };

const TRUE_FLAGS: ReadonlySet<string> = new Set(['1', 'true', 'yes']);

export function salesforceOAuthRoutes(
  oauth: SalesforceOAuth,
  options: { logger?: OAuthRouteLogger } = {},
): Router {
  const handlers = oauthFlowHandlers({
    crm: 'Salesforce',
    logger: options.logger,
    authorizeUrl: (link, query) =>
      oauth.installUrl(link, {
        sandbox: TRUE_FLAGS.has(queryParam(query, 'sandbox')?.toLowerCase() ?? ''),
      }),
    finish: (callback) => oauth.handleCallback(callback),
    done: (connected) => ({
      log: {
        tenantId: connected.tenantId,
        orgId: connected.orgId,
        userId: connected.userId,
        sandbox: connected.sandbox,
        ...(connected.relinkedFrom === undefined ? {} : { relinkedFrom: connected.relinkedFrom }),
      },
      title: 'Leadwire is connected',
      message:
        `Salesforce ${connected.sandbox ? 'sandbox ' : ''}org ${connected.orgId} is connected to Leadwire ` +
        `(${connected.tenantId}) as user ${connected.userId}. Run \`leadwire setup salesforce\` to check the ` +
        'package, then close this page.',
    }),
  });
  return Router()
    .get('/oauth/salesforce/install', handlers.install)
    .get('/oauth/salesforce/callback', handlers.callback);
}
