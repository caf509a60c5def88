// setupHubspotPortal: what `leadwire setup hubspot` does to a portal so the adapter's writes validate (DESIGN §6,
// research/hubspot.md §0.7, §1.4, §2, §3, §5, §6). It creates the `leadwire` property group and every property
// the adapter writes (leadwirePropertyDefinitions), never changes one that exists (a unique flag can't be changed
// later, and a portal has at most 10 unique properties per object), checks the configured deal, ticket and lead
// pipelines and stages, and looks up the lead → contact association type. Idempotent: it reads each object's
// properties first and creates only what is missing, so a second run sends no POST at all.
import { Client } from '@hubspot/api-client';
import type { PropertyCreate } from '@hubspot/api-client/lib/codegen/crm/properties/models/PropertyCreate.js';
import type { LeadwireError } from '@leadwire/connector-core';
import {
  associationTypeIds,
  type HubspotPortalSettings,
  type LeadwirePropertyDefinition,
  leadwirePropertyDefinitions,
} from './hubspot-crm.ts';
import { fromSdkError } from './hubspot-error.ts';
import { HUBSPOT_OPTIONAL_SCOPES, HUBSPOT_REQUIRED_SCOPES } from './oauth/hubspot-oauth.ts';
import { acquire, type PortalRateLimiter, realSleep, type Sleep } from './rate-limiter.ts';

export const LEADWIRE_PROPERTY_GROUP = { name: 'leadwire', label: 'Leadwire' } as const;

export type SetupLineKind = 'created' | 'found' | 'problem';

export interface HubspotSetupOptions {
  /** the portal's access token (or how to get the current one); ignored when `client` is given */
  accessToken?: string | (() => Promise<string>);
  /** @defaultValue `https://api.hubapi.com` (no trailing slash) */
  basePath?: string;
  /** an SDK client to use instead of building one from `accessToken` + `basePath` */
  client?: Client;
  /** the tenant's portal settings (pipelines, stages, lead mode, key property names) */
  settings?: HubspotPortalSettings;
  /** the scopes the OAuth installation granted; checked when given (a fixed token has none to check) */
  grantedScopes?: readonly string[];
  /** the per-portal limiter the adapter shares, so setup does not starve live traffic (with `portalId`) */
  limiter?: PortalRateLimiter;
  portalId?: string;
  sleep?: Sleep;
  /** how many ten-secondly 429s one call waits out @defaultValue 8 */
  maxRateLimitRetries?: number;
  /** each line as it happens (the report has them all at the end) */
  log?: (kind: SetupLineKind, message: string) => void;
}

export interface HubspotSetupReport {
  created: string[];
  found: string[];
  problems: string[];
  /** whether the portal has the Leads object (0-136); false when not looked up (leadMode deal/lifecycle) */
  hasLeads: boolean;
  /** what the portal told us that the adapter's settings depend on */
  discovered: Pick<HubspotPortalSettings, 'leadMode' | 'leadContactAssociationTypeId'>;
}

type SetupApis = ReturnType<typeof bindApis>;

/** Touches every API setup uses right after `new Client()` (the SDK's process-global decorators, research §0.3). */
function bindApis(client: Client) {
  return {
    properties: client.crm.properties.coreApi,
    groups: client.crm.properties.groupsApi,
    pipelines: client.crm.pipelines.pipelinesApi,
    labels: client.crm.associations.v4.schema.definitionsApi,
  };
}

/** The failure to report as a problem; a 401 (the token itself is bad) ends the setup instead. */
function failureOf(error: unknown): LeadwireError {
  const failure = fromSdkError(error);
  if (failure.details?.httpStatus === 401) throw failure;
  return failure;
}

const isUnavailableObject = (error: LeadwireError) => error.details?.objectTypeUnavailable === true;
const httpStatusOf = (error: LeadwireError) => error.details?.httpStatus;

export async function setupHubspotPortal(options: HubspotSetupOptions): Promise<HubspotSetupReport> {
  const settings = options.settings ?? {};
  const sleep = options.sleep ?? realSleep;
  const maxRetries = options.maxRateLimitRetries ?? 8;
  const report: HubspotSetupReport = {
    created: [],
    found: [],
    problems: [],
    hasLeads: false,
    discovered: {},
  };
  const line = (kind: SetupLineKind, message: string) => {
    (kind === 'created' ? report.created : kind === 'found' ? report.found : report.problems).push(message);
    options.log?.(kind, message);
  };

  let bound: { token: string | undefined; apis: SetupApis } | undefined;
  const apisNow = async (): Promise<SetupApis> => {
    if (options.client !== undefined) {
      bound ??= { token: undefined, apis: bindApis(options.client) };
      return bound.apis;
    }
    const token =
      typeof options.accessToken === 'function' ? await options.accessToken() : options.accessToken;
    if (token === undefined) throw new TypeError('setupHubspotPortal needs a client or an accessToken');
    if (bound?.token !== token)
      bound = {
        token,
        apis: bindApis(
          new Client({
            accessToken: token,
            basePath: options.basePath ?? 'https://api.hubapi.com',
            numberOfApiCallRetries: 0,
          }),
        ),
      };
    return bound.apis;
  };

  /** One call through the portal's limiter (when given); ten-secondly 429s are waited out and retried. */
  const call = async <T>(run: (apis: SetupApis) => Promise<T>): Promise<T> => {
    const { limiter, portalId } = options;
    for (let attempt = 0; ; attempt++) {
      if (limiter !== undefined && portalId !== undefined) await acquire(limiter, portalId, 'general', sleep);
      const apis = await apisNow();
      try {
        return await run(apis);
      } catch (error) {
        const failure = fromSdkError(error);
        if (
          failure.code === 'RATE_LIMITED' &&
          failure.details?.reason !== 'daily_limit' &&
          attempt < maxRetries
        ) {
          const waitMs = failure.retryAfterMs ?? 10_000;
          if (limiter !== undefined && portalId !== undefined)
            await limiter.pause(portalId, 'general', waitMs);
          else await sleep(waitMs);
          continue;
        }
        throw failure;
      }
    }
  };

  // ---- scopes (OAuth installs only) ----------------------------------------------------------------------
  const granted = options.grantedScopes === undefined ? undefined : new Set(options.grantedScopes);
  if (granted !== undefined) {
    const missing = HUBSPOT_REQUIRED_SCOPES.filter((scope) => !granted.has(scope));
    if (missing.length === 0) line('found', `scopes: every required scope is granted`);
    else
      line(
        'problem',
        `scopes: the installation lacks ${missing.join(', ')}; reinstall the app with a new install link (leadwire install-link hubspot --tenant <id>) so they are granted`,
      );
  }

  // ---- Leads object and the lead → contact association type ---------------------------------------------
  const leadMode = settings.leadMode ?? 'leads';
  if (leadMode === 'leads') {
    try {
      const labels = await call((a) => a.labels.getAll('leads', 'contacts'));
      report.hasLeads = true;
      const defined = labels.results.filter((l) => String(l.category) === 'HUBSPOT_DEFINED');
      const chosen = defined.find((l) => /primary/i.test(l.label ?? '')) ?? defined[0] ?? labels.results[0];
      if (chosen === undefined)
        line(
          'problem',
          'leads: the portal lists no lead → contact association type; Leads cannot be created',
        );
      else {
        report.discovered.leadContactAssociationTypeId = chosen.typeId;
        const used = settings.leadContactAssociationTypeId ?? associationTypeIds.leadToContact;
        const label = chosen.label ? ` ("${chosen.label}")` : '';
        if (chosen.typeId === used)
          line(
            'found',
            `leads: Leads object (0-136), lead → contact association type ${chosen.typeId}${label}`,
          );
        else
          line(
            'problem',
            `leads: the portal's lead → contact association type is ${chosen.typeId}${label}, Leadwire uses ${used}; set leadContactAssociationTypeId to ${chosen.typeId}`,
          );
      }
      if (granted !== undefined) {
        const missing = HUBSPOT_OPTIONAL_SCOPES.filter((scope) => !granted.has(scope));
        if (missing.length > 0)
          line(
            'problem',
            `scopes: the portal has Leads but the installation lacks ${missing.join(', ')}; reinstall the app, or set leadMode: deal`,
          );
      }
    } catch (error) {
      const failure = failureOf(error);
      if (failure.details?.reason === 'missing_scopes') {
        // HubSpot grants the optional Leads scopes only where the Leads object exists (or the admin unticked them).
        report.discovered.leadMode = 'deal';
        line('found', 'leads: the installation has no Leads scopes (no Leads object); Leads will be deals');
      } else if (isUnavailableObject(failure) || httpStatusOf(failure) === 404) {
        report.discovered.leadMode = 'deal';
        line('found', 'leads: the portal has no Leads object (0-136); Leads will be deals');
      } else
        line('problem', `leads: could not look up the lead → contact association labels: ${failure.message}`);
    }
  } else line('found', `leads: leadMode is ${leadMode}, the Leads object is not used`);

  // ---- property groups and properties ---------------------------------------------------------------------
  const wanted = leadwirePropertyDefinitions(settings).filter(
    (d) =>
      (d.objectType !== 'leads' || report.hasLeads) && (d.objectType !== 'deals' || leadMode !== 'lifecycle'),
  );
  for (const objectType of [...new Set(wanted.map((d) => d.objectType))]) {
    const definitions = wanted.filter((d) => d.objectType === objectType);
    let existing: Map<string, { type: string; hasUniqueValue?: boolean; groupName: string }>;
    try {
      const listed = await call((a) => a.properties.getAll(objectType, false));
      existing = new Map(listed.results.map((p) => [p.name, p]));
    } catch (error) {
      line('problem', `properties on ${objectType}: could not be read: ${failureOf(error).message}`);
      continue;
    }
    const missing = definitions.filter((d) => !existing.has(d.name));
    if (missing.length > 0) {
      try {
        await call((a) => a.groups.create(objectType, { ...LEADWIRE_PROPERTY_GROUP }));
        line('created', `property group ${objectType}.${LEADWIRE_PROPERTY_GROUP.name}`);
      } catch (error) {
        const failure = failureOf(error);
        if (failure.code === 'CONFLICT')
          line('found', `property group ${objectType}.${LEADWIRE_PROPERTY_GROUP.name}`);
        else {
          line(
            'problem',
            `property group ${objectType}.${LEADWIRE_PROPERTY_GROUP.name} could not be created: ${failure.message}`,
          );
          continue;
        }
      }
    } else if ([...existing.values()].some((p) => p.groupName === LEADWIRE_PROPERTY_GROUP.name))
      line('found', `property group ${objectType}.${LEADWIRE_PROPERTY_GROUP.name}`);

    for (const definition of definitions) {
      const current = existing.get(definition.name);
      if (current !== undefined) {
        compare(definition, current);
        continue;
      }
      const { objectType: _type, ...body } = definition;
      try {
        await call((a) => a.properties.create(objectType, body as unknown as PropertyCreate));
        line('created', propertyLabel(definition));
      } catch (error) {
        const failure = failureOf(error);
        if (failure.code !== 'CONFLICT') {
          line('problem', `${propertyLabel(definition)} could not be created: ${failure.message}`);
          continue;
        }
        // Created by someone else since we listed: compare what is there.
        try {
          compare(definition, await call((a) => a.properties.getByName(objectType, definition.name)));
        } catch (readError) {
          line(
            'problem',
            `${propertyLabel(definition)} exists but could not be read: ${failureOf(readError).message}`,
          );
        }
      }
    }
  }

  function compare(
    definition: LeadwirePropertyDefinition,
    current: { type: string; hasUniqueValue?: boolean },
  ) {
    const wantUnique = definition.hasUniqueValue === true;
    const isUnique = current.hasUniqueValue === true;
    if (current.type === definition.type && isUnique === wantUnique) {
      line('found', propertyLabel(definition));
      return;
    }
    line(
      'problem',
      `${objectLabel(definition)} exists as type ${current.type}${isUnique ? ', unique' : ''} but Leadwire needs type ${definition.type}${wantUnique ? ', unique' : ''}; left unchanged (${wantUnique || isUnique ? "a unique flag can't be changed: " : ''}delete or rename it in HubSpot, then run setup again)`,
    );
  }

  // ---- pipelines and stages --------------------------------------------------------------------------------
  const checkPipeline = async (
    objectType: 'deals' | 'tickets' | 'leads',
    pipelineId: string | undefined,
    stageId: string | undefined,
  ) => {
    const noun = objectType.replace(/s$/, '');
    let pipelines: { id: string; label: string; stages: { id: string; label: string }[] }[];
    try {
      pipelines = (await call((a) => a.pipelines.getAll(objectType))).results;
    } catch (error) {
      line('problem', `${noun} pipelines could not be read: ${failureOf(error).message}`);
      return;
    }
    const list = <T extends { id: string; label: string }>(items: T[]) =>
      items.map((i) => `${i.id} (${i.label})`).join(', ') || 'none';
    const pipeline =
      pipelineId === undefined
        ? pipelines.find((p) => p.stages.some((s) => s.id === stageId))
        : pipelines.find((p) => p.id === pipelineId);
    if (pipeline === undefined) {
      line(
        'problem',
        pipelineId === undefined
          ? `${noun} stage "${stageId}" is in no ${noun} pipeline; pipelines: ${list(pipelines)}`
          : `${noun} pipeline "${pipelineId}" does not exist; ${noun} pipelines: ${list(pipelines)}`,
      );
      return;
    }
    if (stageId === undefined) {
      line('found', `${noun} pipeline ${pipeline.id} (${pipeline.label})`);
      return;
    }
    const stage = pipeline.stages.find((s) => s.id === stageId);
    if (stage === undefined)
      line(
        'problem',
        `${noun} stage "${stageId}" is not in ${noun} pipeline ${pipeline.id} (${pipeline.label}); its stages: ${list(pipeline.stages)}`,
      );
    else
      line(
        'found',
        `${noun} pipeline ${pipeline.id} (${pipeline.label}), stage ${stage.id} (${stage.label})`,
      );
  };
  if (leadMode !== 'lifecycle')
    await checkPipeline(
      'deals',
      settings.dealPipeline ?? 'default',
      settings.dealStage ?? 'appointmentscheduled',
    );
  await checkPipeline('tickets', settings.ticketPipeline ?? '0', settings.ticketStage ?? '1');
  if (report.hasLeads && (settings.leadPipeline !== undefined || settings.leadStage !== undefined))
    await checkPipeline('leads', settings.leadPipeline, settings.leadStage);

  return report;
}

const propertyLabel = (d: LeadwirePropertyDefinition) =>
  `property ${d.objectType}.${d.name}${d.hasUniqueValue ? ' (unique)' : ''}`;
const objectLabel = (d: LeadwirePropertyDefinition) => `property ${d.objectType}.${d.name}`;

/** The report as the lines the CLI prints: `created …`, `found …`, `problem …`. */
export function formatSetupReport(report: HubspotSetupReport): string {
  return [
    ...report.created.map((m) => `created  ${m}`),
    ...report.found.map((m) => `found    ${m}`),
    ...report.problems.map((m) => `problem  ${m}`),
    `${report.created.length} created, ${report.found.length} found, ${report.problems.length} problem(s)`,
  ]
    .map((l) => `${l}\n`)
    .join('');
}
