// The short HTML page a CRM admin's browser lands on after an install or connect (HubSpot, Salesforce): what
// happened, in plain words, escaped, never cached, with a strict content security policy. Plus the small
// helpers the install routes share.

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
