// The install endpoints a CRM admin's browser visits: /oauth/hubspot/install?link=<operator's install link>
// redirects to HubSpot with a signed state bound to the link; /oauth/hubspot/callback finishes the install and
// answers with a short page saying what happened.
import { type OAuthRouteLogger, oauthFlowHandlers } from '@leadwire/connector-core';
import { Router } from 'express';
import type { HubspotOAuth } from './hubspot-oauth.ts';

export type { OAuthRouteLogger };

export function hubspotOAuthRoutes(oauth: HubspotOAuth, options: { logger?: OAuthRouteLogger } = {}): Router {
  const handlers = oauthFlowHandlers({
    crm: 'HubSpot',
    logger: options.logger,
    authorizeUrl: (link) => oauth.installUrl(link),
    finish: (callback) => oauth.handleCallback(callback),
    done: (installed) => ({
      log: {
        tenantId: installed.tenantId,
        portalId: installed.portalId,
        scopes: installed.scopes,
        ...(installed.relinkedFrom === undefined ? {} : { relinkedFrom: installed.relinkedFrom }),
      },
      title: 'Leadwire is installed',
      message: `HubSpot portal ${installed.portalId} is connected to Leadwire (${installed.tenantId}). You can close this page.`,
    }),
  });
  return Router()
    .get('/oauth/hubspot/install', handlers.install)
    .get('/oauth/hubspot/callback', handlers.callback);
}
