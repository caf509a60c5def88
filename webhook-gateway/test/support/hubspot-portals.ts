// One HubSpot API origin in front of several emulated portals, as HubSpot is: one API for every portal, the
// portal chosen by the credential in the request. A request goes to the emulator that issued the authorization
// code or token it carries (in the path, the body or the bearer header); tokens are learned from the answers.
// Requests that carry none go to the first portal.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { HubspotEmulator } from '../../../hubspot-app/emulator/hubspot-emulator.ts';

export interface HubspotPortals {
  url: string;
  /** an authorization code for `portal`, as HubSpot gives one after its admin approves the install */
  approve(portal: HubspotEmulator): string;
  close(): Promise<void>;
}

const CREDENTIAL = /emu-(?:at|rt|code)-[\w-]+/g;

export async function startHubspotPortals(portals: HubspotEmulator[]): Promise<HubspotPortals> {
  const owner = new Map<string, HubspotEmulator>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const seen = `${req.url} ${req.headers.authorization ?? ''} ${body.toString('utf8')}`;
      const target =
        [...seen.matchAll(CREDENTIAL)].map(([credential]) => owner.get(credential)).find(Boolean) ??
        portals[0]!;
      const upstream = new URL(req.url ?? '/', target.url);
      const forward = httpRequest(
        upstream,
        { method: req.method, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const text = Buffer.concat(parts);
            for (const [credential] of text.toString('utf8').matchAll(CREDENTIAL))
              owner.set(credential, target);
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(text);
          });
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    approve(portal) {
      const code = portal.issueAuthCode();
      owner.set(code, portal);
      return code;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
