// The install endpoints a CRM admin's browser visits: /oauth/hubspot/install redirects to HubSpot with a signed
// state; /oauth/hubspot/callback finishes the install and answers with a short page saying what happened.
// A bad or spent state is a 400 that changes nothing. Codes, states and tokens are never logged.
import {
  errorHandling,
  isLeadwireError,
  type OAuthRouteLogger,
  queryParam,
  resultPage,
} from '@leadwire/connector-core';
import { type Request, Router } from 'express';
import type { HubspotOAuth } from './hubspot-oauth.ts';

const page = resultPage;
const query = (req: Request, name: string) => queryParam(req.query as Record<string, unknown>, name);

export type { OAuthRouteLogger };

export function hubspotOAuthRoutes(oauth: HubspotOAuth, options: { logger?: OAuthRouteLogger } = {}): Router {
  const { logger } = options;
  const router = Router();

  router.get('/oauth/hubspot/install', (req, res) => {
    const tenant = query(req, 'tenant');
    if (tenant === undefined) {
      page(res, 400, 'Which tenant?', 'Open this link with ?tenant=<your Leadwire tenant id>.');
      return;
    }
    try {
      res.set('cache-control', 'no-store').redirect(302, oauth.installUrl(tenant));
    } catch (error) {
      if (!isLeadwireError(error)) throw error;
      page(res, errorHandling[error.code].httpStatus, 'Cannot start the install', error.message);
    }
  });

  router.get('/oauth/hubspot/callback', async (req, res) => {
    const code = query(req, 'code');
    const state = query(req, 'state');
    const refused = query(req, 'error');
    if (refused !== undefined) {
      logger?.info({ requestId: req.id, error: refused }, 'HubSpot install not granted');
      page(res, 400, 'HubSpot did not connect', `HubSpot answered "${refused}". Start the install again.`);
      return;
    }
    if (code === undefined || state === undefined) {
      page(
        res,
        400,
        'HubSpot did not connect',
        'The link is missing its code or state. Start the install again.',
      );
      return;
    }
    try {
      const installed = await oauth.handleCallback({ code, state });
      logger?.info(
        {
          requestId: req.id,
          tenantId: installed.tenantId,
          portalId: installed.portalId,
          scopes: installed.scopes,
        },
        'HubSpot app installed',
      );
      page(
        res,
        200,
        'Leadwire is installed',
        `HubSpot portal ${installed.portalId} is connected to Leadwire (${installed.tenantId}). You can close this page.`,
      );
    } catch (error) {
      if (!isLeadwireError(error)) throw error;
      logger?.warn({ requestId: req.id, code: error.code, ...error.details }, 'HubSpot install failed');
      const status = error.code === 'VALIDATION' ? 400 : errorHandling[error.code].httpStatus;
      page(res, status, 'HubSpot did not connect', error.message);
    }
  });

  return router;
}
