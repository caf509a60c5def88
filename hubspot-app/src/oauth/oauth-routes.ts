// The install endpoints a CRM admin's browser visits: /oauth/hubspot/install redirects to HubSpot with a signed
// state; /oauth/hubspot/callback finishes the install and answers with a short page saying what happened.
// A bad or spent state is a 400 that changes nothing. Codes, states and tokens are never logged.
import { errorHandling, isLeadwireError } from '@leadwire/connector-core';
import { type Request, type Response, Router } from 'express';
import type { HubspotOAuth } from './hubspot-oauth.ts';

/** The subset of a pino logger the routes use. */
export interface OAuthRouteLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function page(res: Response, status: number, title: string, message: string): void {
  res
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'referrer-policy': 'no-referrer',
    })
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Leadwire</title>` +
        '<style>body{font:16px system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#213343}</style>' +
        `</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`,
    );
}

const query = (req: Request, name: string): string | undefined => {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

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
