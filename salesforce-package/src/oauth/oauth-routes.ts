// The connect endpoints a Salesforce admin's browser visits: /oauth/salesforce/install redirects to the
// production (or, with ?sandbox=true, the sandbox) login page with a signed state and a PKCE challenge;
// /oauth/salesforce/callback finishes the connect and answers with a short page saying what happened. A bad,
// expired or spent state is a 400 that changes nothing. Codes, states and tokens are never logged.
import { errorHandling, isLeadwireError } from '@leadwire/connector-core';
import { type Request, type Response, Router } from 'express';
import type { SalesforceOAuth } from './salesforce-oauth.ts';

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
        '<style>body{font:16px system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#181818}</style>' +
        `</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`,
    );
}

const query = (req: Request, name: string): string | undefined => {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const TRUE_FLAGS: ReadonlySet<string> = new Set(['1', 'true', 'yes']);

export function salesforceOAuthRoutes(
  oauth: SalesforceOAuth,
  options: { logger?: OAuthRouteLogger } = {},
): Router {
  const { logger } = options;
  const router = Router();

  router.get('/oauth/salesforce/install', async (req, res) => {
    const tenant = query(req, 'tenant');
    if (tenant === undefined) {
      page(res, 400, 'Which tenant?', 'Open this link with ?tenant=<your Leadwire tenant id>.');
      return;
    }
    const sandbox = TRUE_FLAGS.has(query(req, 'sandbox')?.toLowerCase() ?? '');
    try {
      res.set('cache-control', 'no-store').redirect(302, await oauth.installUrl(tenant, { sandbox }));
    } catch (error) {
      if (!isLeadwireError(error)) throw error;
      page(res, errorHandling[error.code].httpStatus, 'Cannot start connecting Salesforce', error.message);
    }
  });

  router.get('/oauth/salesforce/callback', async (req, res) => {
    const code = query(req, 'code');
    const state = query(req, 'state');
    const refused = query(req, 'error');
    if (refused !== undefined) {
      logger?.info({ requestId: req.id, error: refused }, 'Salesforce connect not granted');
      page(
        res,
        400,
        'Salesforce did not connect',
        `Salesforce answered "${refused}". Start connecting again.`,
      );
      return;
    }
    if (code === undefined || state === undefined) {
      page(
        res,
        400,
        'Salesforce did not connect',
        'The link is missing its code or state. Start connecting again.',
      );
      return;
    }
    try {
      const connected = await oauth.handleCallback({ code, state });
      logger?.info(
        {
          requestId: req.id,
          tenantId: connected.tenantId,
          orgId: connected.orgId,
          userId: connected.userId,
          sandbox: connected.sandbox,
        },
        'Salesforce org connected',
      );
      page(
        res,
        200,
        'Leadwire is connected',
        `Salesforce ${connected.sandbox ? 'sandbox ' : ''}org ${connected.orgId} is connected to Leadwire ` +
          `(${connected.tenantId}) as user ${connected.userId}. Run \`leadwire setup salesforce\` to check the ` +
          'package, then close this page.',
      );
    } catch (error) {
      if (!isLeadwireError(error)) throw error;
      logger?.warn({ requestId: req.id, code: error.code, ...error.details }, 'Salesforce connect failed');
      const status = error.code === 'VALIDATION' ? 400 : errorHandling[error.code].httpStatus;
      page(res, status, 'Salesforce did not connect', error.message);
    }
  });

  return router;
}
