// bench:pipeline's CRM side: one emulated HubSpot portal or Salesforce org per tenant, each behind a timing
// proxy that notes, for every API call, when it started and ended, its status and which customer it was about
// (the customer's WhatsApp number is in the conversation id, the E.164 phone or a record key; a transcript batch
// names only the contact's id, which an earlier answer tied to the customer). The emulators keep no timestamps
// and name no conversation, and their files are not the benchmark's to change, so the proxy is how a turn's
// "CRM write done" moment is observed; it adds well under a millisecond to calls that take 100 ms.
import { Agent, createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConfigInput } from '@leadwire/connector-core';
import { type HubspotEmulator, startHubspotEmulator } from '../../hubspot-app/emulator/hubspot-emulator.ts';
import { createLeadwireProperties } from '../../hubspot-app/emulator/portal-setup.ts';
import {
  type SalesforceEmulator,
  startSalesforceEmulator,
} from '../../salesforce-package/emulator/salesforce-emulator.ts';

export type CrmName = 'hubspot' | 'salesforce';

/** One CRM API call as the proxy saw it (times from `performance.now()`). */
export interface CrmCall {
  tenant: number;
  route: string;
  /** a Salesforce composite's subrequests (`GET query`, `PATCH Lead`…), to tell one composite from another */
  parts?: string;
  status: number;
  startMs: number;
  endMs: number;
  /** the customer numbers the request named: exactly one = attributed to that conversation */
  customers: string[];
}

/** A customer's WhatsApp number in a request (every bench customer's number is 3469 + 7 digits). */
export const CUSTOMER_NUMBER = /(?<!\d)3469\d{7}(?!\d)/g;

type TenantInput = ConfigInput['tenants'][number];
/** The per-tenant sections the CRM under test needs: `crm` and `routing`. */
export type TenantCrmSections = Pick<TenantInput, 'crm' | 'routing'>;

export interface CrmFleet {
  crm: CrmName;
  calls: CrmCall[];
  /** secrets the tenants' sections name (`env:…`) */
  env: Record<string, string>;
  sectionsFor(tenant: number): TenantCrmSections;
  /** records written, summed over every portal / org */
  records(): Record<string, number>;
  /** calls the emulators answered 429 (HubSpot's burst or search limit) */
  refused(): number;
  proxy: ProxyStats;
  close(): Promise<void>;
}

/** How a route is named in the report: ids and external-id values as `{id}`, the query string dropped. */
function routeOf(method: string, url: string): string {
  const path = url.split('?')[0] ?? '';
  const parts = path
    .split('/')
    .map((part) => (/\d{3,}/.test(part) || part.length > 30 ? '{id}' : decodeURIComponent(part)));
  return `${method} ${parts.join('/')}`;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `GET query, PATCH WhatsApp_Conversation__c, …` for a Salesforce composite body; nothing for anything else. */
function compositeParts(body: Buffer): { parts?: string } {
  if (!body.includes('compositeRequest')) return {};
  try {
    const { compositeRequest } = JSON.parse(body.toString('utf8')) as {
      compositeRequest?: Array<{ method?: string; url?: string }>;
    };
    const parts = (compositeRequest ?? []).map(({ method, url = '' }) => {
      const path = url.split('?')[0]!.replace(/^\/services\/data\/v[\d.]+\//, '');
      const [head, type] = path.split('/');
      return `${method} ${head === 'sobjects' || head === 'composite' ? type : head}`;
    });
    return { parts: parts.join(', ') };
  } catch {
    return {};
  }
}

/** What the proxies themselves went through (not the pipeline's doing), for the report. */
export interface ProxyStats {
  /** pooled connections to an emulator found closed and retried on a new one */
  reconnects: number;
  /** calls the proxy could not forward at all */
  failures: string[];
}

interface Proxy {
  url: string;
  close(): Promise<void>;
}

/** Record ids in a JSON body or a path: `"id":"123"`, `"Id":"00Q…"`, `/objects/contacts/123`. */
const RECORD_ID = /"(?:id|Id)"\s*:\s*"([0-9A-Za-z]{3,18})"|\/(\d{3,}|[0-9A-Za-z]{15,18})(?=[/?]|$)/g;
const recordIds = (text: string) => [...text.matchAll(RECORD_ID)].map((m) => m[1] ?? m[2]!);

/**
 * A reverse proxy to `target` that logs each call into `calls`. A call naming no customer (a transcript batch
 * refers to the contact by id only) is attributed through the record ids earlier answers gave that customer.
 */
async function timingProxy(
  target: string,
  tenant: number,
  calls: CrmCall[],
  stats: ProxyStats,
): Promise<Proxy> {
  const ownerOfId = new Map<string, string>();
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const server = createServer(async (req, res) => {
    const startMs = performance.now();
    const body = await readAll(req);
    const url = req.url ?? '/';
    const sent = `${decodeURIComponent(url)} ${body.toString('utf8')}`;
    const customers = new Set(sent.match(CUSTOMER_NUMBER) ?? []);
    if (customers.size === 0)
      for (const id of recordIds(sent)) {
        const owner = ownerOfId.get(id);
        if (owner !== undefined) customers.add(owner);
      }
    const headers = { ...req.headers, host: upstream.host };
    /** Forwards the call; a pooled connection the emulator closed while idle is retried on a fresh one. */
    const forward = (attempt: number): void => {
      const outgoing = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: url,
          headers,
          agent: attempt === 1 ? agent : false,
        },
        async (answer) => {
          const payload = await readAll(answer);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(payload);
          const [only] = customers;
          if (customers.size === 1 && only !== undefined)
            for (const id of recordIds(payload.toString('utf8'))) ownerOfId.set(id, only);
          calls.push({
            tenant,
            route: routeOf(req.method ?? 'GET', url),
            ...compositeParts(body),
            status: answer.statusCode ?? 0,
            startMs,
            endMs: performance.now(),
            customers: [...customers],
          });
        },
      );
      outgoing.on('error', (error) => {
        if (attempt === 1 && outgoing.reusedSocket) {
          stats.reconnects++;
          forward(2);
          return;
        }
        // As a network failure looks to the adapter: the connection drops without an answer.
        stats.failures.push(String(error));
        res.destroy();
      });
      outgoing.end(body);
    };
    forward(1);
  });
  // Like a real API's load balancer, keep the adapter's idle connections well past Node's 5 s default.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** HubSpot owners the emulator seeds (Ana, Ben): routing round-robins Leads between them. */
const HUBSPOT_OWNERS = ['101', '102'];
const SALESFORCE_OWNERS = ['005000000000002AAA', '005000000000003AAA'];
/** An SLA longer than any run, so no re-route writes to the CRM after the measured turn. */
const quietSla = { minutes: 1440, byUrgency: { urgent: 1440 } };

function routingFor(owners: string[]): TenantInput['routing'] {
  return {
    users: owners.map((id, i) => ({ id, name: `Owner ${i + 1}`, groups: ['sales'] })),
    groups: [{ id: 'sales', strategy: 'round_robin' }],
    rules: [{ id: 'all', targets: [{ group: 'sales' }] }],
    sla: quietSla,
  };
}

export async function startCrmFleet(crm: CrmName, tenants: number, latencyMs: number): Promise<CrmFleet> {
  const calls: CrmCall[] = [];
  const proxies: Proxy[] = [];
  const proxy: ProxyStats = { reconnects: 0, failures: [] };
  if (crm === 'hubspot') {
    const portals: HubspotEmulator[] = [];
    for (let i = 0; i < tenants; i++) {
      const portal = await startHubspotEmulator({ portalId: 700_000 + i, accessToken: 'bench-hs-token' });
      await createLeadwireProperties(portal);
      portal.reset(); // the setup's calls leave the burst window and the counters
      portal.latencyMs = latencyMs;
      portals.push(portal);
      proxies.push(await timingProxy(portal.url, i, calls, proxy));
    }
    return {
      crm,
      calls,
      proxy,
      env: { BENCH_HS_TOKEN: 'bench-hs-token' },
      sectionsFor: (i) => ({
        crm: {
          hubspot: {
            accessToken: 'env:BENCH_HS_TOKEN',
            portalId: String(portals[i]!.portalId),
            apiBaseUrl: proxies[i]!.url,
          },
        },
        routing: routingFor(HUBSPOT_OWNERS),
      }),
      records: () => ({
        contacts: portals.reduce((n, p) => n + p.contacts().length, 0),
        leads: portals.reduce((n, p) => n + p.leads().length, 0),
        deals: portals.reduce((n, p) => n + p.deals().length, 0),
        tickets: portals.reduce((n, p) => n + p.tickets().length, 0),
        tasks: portals.reduce((n, p) => n + p.tasks().length, 0),
        communications: portals.reduce((n, p) => n + p.communications().length, 0),
      }),
      refused: () => portals.reduce((n, p) => n + p.calls.log.filter((c) => c.status === 429).length, 0),
      async close() {
        await Promise.all(proxies.map((p) => p.close()));
        await Promise.all(portals.map((p) => p.close()));
      },
    };
  }
  const orgs: SalesforceEmulator[] = [];
  for (let i = 0; i < tenants; i++) {
    const org = await startSalesforceEmulator({
      latencyMs,
      accessToken: 'bench-sf-token',
      users: SALESFORCE_OWNERS.map((Id, k) => ({ Id, Name: `Owner ${k + 1}` })),
    });
    orgs.push(org);
    proxies.push(await timingProxy(org.url, i, calls, proxy));
  }
  return {
    crm,
    calls,
    proxy,
    env: { BENCH_SF_TOKEN: 'bench-sf-token' },
    sectionsFor: (i) => ({
      crm: {
        salesforce: {
          instanceUrl: proxies[i]!.url,
          orgId: orgs[i]!.orgId,
          accessToken: 'env:BENCH_SF_TOKEN',
        },
      },
      routing: routingFor(SALESFORCE_OWNERS),
    }),
    records: () =>
      Object.fromEntries(
        ['Lead', 'Contact', 'Case', 'Task', 'WhatsApp_Conversation__c', 'WhatsApp_Message__c'].map((type) => [
          type,
          orgs.reduce((n, o) => n + o.records(type).length, 0),
        ]),
      ),
    refused: () => orgs.reduce((n, o) => n + o.calls.log.filter((c) => c.status === 429).length, 0),
    async close() {
      await Promise.all(proxies.map((p) => p.close()));
      await Promise.all(orgs.map((o) => o.close()));
    },
  };
}
