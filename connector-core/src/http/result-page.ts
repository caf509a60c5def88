// The install routes a CRM admin's browser visits (HubSpot, Salesforce): the redirect to the CRM and the
// callback, ending on a short HTML page saying what happened — in plain words, escaped, never cached, with a
// strict content security policy.
import { errorHandling, isLeadwireError } from '../model/errors.ts';
import {
  INVALID_INSTALL_LINK_MESSAGE,
  invalidInstallLink,
  isInvalidInstallLink,
} from '../store/install-link.ts';

/** The subset of a pino logger the install routes use. */
export interface OAuthRouteLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** What of an HTTP response the page needs (express's Response fits). */
export interface PageResponse {
  status(code: number): PageResponse;
  set(headers: Record<string, string>): PageResponse;
  send(body: string): unknown;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function resultPage(res: PageResponse, status: number, title: string, message: string): void {
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

/** A non-empty string query parameter, else undefined. */
export function queryParam(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** What of an HTTP request the install routes read (express's Request fits). */
export interface OAuthRequest {
  query: unknown;
  id?: string;
}

/** What of an HTTP response the install routes use (express's Response fits). */
export interface OAuthResponse extends PageResponse {
  set(headers: Record<string, string>): OAuthResponse;
  set(name: string, value: string): OAuthResponse;
  redirect(status: number, url: string): void;
}

export interface OAuthFlowPages<Done> {
  /** the CRM as people name it: `HubSpot`, `Salesforce` */
  crm: string;
  /**
   * the authorize URL for an operator's install link (`install?link=`), from the request's other query
   * parameters; a link that cannot start an install throws `invalidInstallLink`
   */
  authorizeUrl(link: string, query: Record<string, unknown>): string | Promise<string>;
  /** finishes the install with the callback's code and state */
  finish(callback: { code: string; state: string }): Promise<Done>;
  /** what to log and say once it is done */
  done(result: Done): { log: object; title: string; message: string };
  logger?: OAuthRouteLogger | undefined;
}

/**
 * The two handlers an install needs: `install` checks the operator's install link and redirects to the CRM with
 * a signed state bound to it; `callback` finishes and answers with a short page. Every link that cannot start an
 * install (missing, damaged, forged, expired, used, for no tenant) gets the same 404 page, so the endpoint
 * tells nothing about which tenants exist. A refused grant, a missing code or a bad or spent state is a 400
 * that changes nothing. Codes, states, links and tokens are never logged.
 */
export function oauthFlowHandlers<Done>(flow: OAuthFlowPages<Done>) {
  const { crm, logger } = flow;
  const failed = `${crm} did not connect`;
  return {
    async install(req: OAuthRequest, res: OAuthResponse): Promise<void> {
      const query = req.query as Record<string, unknown>;
      const link = queryParam(query, 'link');
      try {
        if (link === undefined) throw invalidInstallLink('no link');
        const url = await flow.authorizeUrl(link, query);
        res.set('cache-control', 'no-store').redirect(302, url);
      } catch (error) {
        if (!isLeadwireError(error)) throw error;
        if (isInvalidInstallLink(error)) {
          logger?.info({ requestId: req.id, reason: error.details?.reason }, `${crm} install link refused`);
          resultPage(res, 404, `Cannot start connecting ${crm}`, INVALID_INSTALL_LINK_MESSAGE);
          return;
        }
        resultPage(
          res,
          errorHandling[error.code].httpStatus,
          `Cannot start connecting ${crm}`,
          error.message,
        );
      }
    },
    async callback(req: OAuthRequest, res: OAuthResponse): Promise<void> {
      const query = req.query as Record<string, unknown>;
      const code = queryParam(query, 'code');
      const state = queryParam(query, 'state');
      const refused = queryParam(query, 'error');
      if (refused !== undefined) {
        logger?.info({ requestId: req.id, error: refused }, `${crm} connect not granted`);
        resultPage(res, 400, failed, `${crm} answered "${refused}". Start again.`);
        return;
      }
      if (code === undefined || state === undefined) {
        resultPage(res, 400, failed, 'The link is missing its code or state. Start again.');
        return;
      }
      try {
        const { log, title, message } = flow.done(await flow.finish({ code, state }));
        logger?.info({ requestId: req.id, ...log }, `${crm} connected`);
        resultPage(res, 200, title, message);
      } catch (error) {
        if (!isLeadwireError(error)) throw error;
        logger?.warn({ requestId: req.id, code: error.code, ...error.details }, `${crm} connect failed`);
        const status = error.code === 'VALIDATION' ? 400 : errorHandling[error.code].httpStatus;
        resultPage(res, status, failed, error.message);
      }
    },
  };
}
