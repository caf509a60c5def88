// The connect endpoints a Salesforce admin's browser visits: /oauth/salesforce/install redirects to the
// production (or, with ?sandbox=true, the sandbox) login page with a signed state and a PKCE challenge;
// /oauth/salesforce/callback finishes the connect and answers with a short page saying what happened. A bad,
// expired or spent state is a 400 that changes nothing. Codes, states and tokens are never logged.
import {
  errorHandling,
  isLeadwireError,
  type OAuthRouteLogger,
  queryParam,
  resultPage,
} from '@leadwire/connector-core';
import { type Request, Router } from 'express';
import type { SalesforceOAuth } from './salesforce-oauth.ts';

const page = resultPage;
const query = (req: Request, name: string) => queryParam(req.query as Record<string, unknown>, name);

export type { OAuthRouteLogger };

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
