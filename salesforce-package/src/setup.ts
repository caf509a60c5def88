// checkSalesforceOrg: what `leadwire setup salesforce` checks in a connected org. Unlike HubSpot, nothing is
// created through the API: the SFDX package (objects, fields, permission sets) is deployed by an admin, so this
// reads describeSObject for every object of the schema the adapter writes (schema.ts), compares each field's
// type, External ID / unique flags, lookup targets and picklist values, and queries PermissionSetAssignment for
// `Leadwire_Integration` on the integration user. The report says what is missing and what to do about it.
// Research: salesforce.md §1.4, §1.8, §4.2; describe shapes:
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
import { isLeadwireError } from '@leadwire/connector-core';
import type { Connection, Schema } from 'jsforce';
import { z } from 'zod';
import type { SalesforceField, SalesforceFieldType, SalesforceObject } from './schema.ts';

/** The permission set that grants the integration user Leadwire's object and field access (write). */
export const INTEGRATION_PERMISSION_SET = 'Leadwire_Integration';

/** The describe `type` values each schema type may show up as (standard Text fields like Task.Subject are combobox). */
const DESCRIBE_TYPES: Readonly<Record<SalesforceFieldType, readonly string[]>> = {
  Id: ['id'],
  Text: ['string', 'combobox'],
  TextArea: ['textarea'],
  LongTextArea: ['textarea'],
  Phone: ['phone'],
  Email: ['email'],
  Picklist: ['picklist'],
  Checkbox: ['boolean'],
  Number: ['double', 'int', 'long', 'currency', 'percent'],
  Date: ['date'],
  DateTime: ['datetime'],
  Lookup: ['reference'],
  MasterDetail: ['reference'],
  Formula: ['string'],
};

/** The describe fields the check reads; Salesforce sends many more. */
const describedField = z.object({
  name: z.string(),
  type: z.string(),
  length: z.number().optional(),
  externalId: z.boolean().optional(),
  unique: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  createable: z.boolean().optional(),
  updateable: z.boolean().optional(),
  cascadeDelete: z.boolean().optional(),
  restrictedPicklist: z.boolean().optional(),
  referenceTo: z.array(z.string()).nullish(),
  picklistValues: z.array(z.object({ value: z.string(), active: z.boolean().optional() })).nullish(),
});
const describedObject = z.object({ name: z.string(), fields: z.array(describedField) });
type DescribedField = z.infer<typeof describedField>;

export interface SalesforceSetupReport {
  /** objects, `Object.Field`s and the permission set assignment found as the adapter needs them */
  present: string[];
  /** objects, `Object.Field`s or the permission set assignment the org lacks */
  missing: string[];
  /** what is there but wrong (type, flags, lookup targets, picklist values), or could not be checked, with the fix */
  problems: string[];
  /** nothing missing and no problem: the adapter's writes will validate */
  ok: boolean;
}

export interface SalesforceSetupOptions {
  /** the integration user (005…); defaults to the connection's `userInfo.id` (set by the OAuth and JWT connections) */
  userId?: string;
  /** @defaultValue INTEGRATION_PERMISSION_SET */
  permissionSet?: string;
  /**
   * The standard picklist values Leadwire writes, `Object.Field` → value (the tenant's `leadSource` and
   * `caseOrigin`). @defaultValue `WhatsApp` for Lead.LeadSource, Opportunity.LeadSource and Case.Origin
   */
  picklistValues?: Record<string, string>;
  /** the queues routing may assign (`routing.queues[].crmId`): each must own Leads and Cases */
  queueIds?: string[];
}

/** The standard picklist values Leadwire writes by default (SalesforceOrgSettings' defaults). */
export const DEFAULT_PICKLIST_VALUES: Readonly<Record<string, string>> = {
  'Lead.LeadSource': 'WhatsApp',
  'Opportunity.LeadSource': 'WhatsApp',
  'Case.Origin': 'WhatsApp',
};

/** Where an admin grants the integration user a field: the permission set's object settings. */
const grantHint = (qualified: string, what: string) => {
  const [object = '', field = ''] = qualified.split('.');
  return `in Setup → Permission Sets → ${INTEGRATION_PERMISSION_SET} → Object Settings → ${object}, give ${field} ${what} (or redeploy the package's ${INTEGRATION_PERMISSION_SET})`;
};

/** jsforce's HttpApiError carries the REST `errorCode`; the HTTP status is not exposed (research §1.8). */
const errorCodeOf = (error: unknown): string | undefined => {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === 'string' ? code : undefined;
};

/** Failures that end the check: the connection itself does not work. */
const isFatal = (error: unknown) =>
  isLeadwireError(error, 'AUTH_REVOKED') || errorCodeOf(error) === 'INVALID_SESSION_ID';

function compareField(
  qualified: string,
  wanted: SalesforceField,
  found: DescribedField,
  problems: string[],
): void {
  const fix = wanted.standard === true ? '' : ': redeploy the Leadwire package (force-app) to this org';
  if (!DESCRIBE_TYPES[wanted.type].includes(found.type)) {
    problems.push(`${qualified} is ${found.type}, Leadwire writes it as ${wanted.type}${fix}`);
    return;
  }
  if (wanted.externalId === true && found.externalId === false) {
    problems.push(`${qualified} is not an External ID, so upserts by it fail${fix}`);
  }
  if (wanted.unique === true && found.unique === false) {
    problems.push(`${qualified} is not unique, so duplicates can appear${fix}`);
  }
  if (wanted.caseSensitive === true && found.caseSensitive === false) {
    problems.push(`${qualified} is not case-sensitive, so distinct keys can collide${fix}`);
  }
  if (
    wanted.standard !== true &&
    wanted.length !== undefined &&
    found.length !== undefined &&
    found.length > 0 &&
    found.length < wanted.length
  ) {
    problems.push(
      `${qualified} holds ${found.length} characters, Leadwire writes up to ${wanted.length}${fix}`,
    );
  }
  if (wanted.type === 'MasterDetail' && found.cascadeDelete === false) {
    problems.push(`${qualified} is a lookup, Leadwire expects a master-detail relationship${fix}`);
  }
  const targets = found.referenceTo ?? [];
  const unreachable = (wanted.referenceTo ?? []).filter((target) => !targets.includes(target));
  if (unreachable.length > 0) {
    const activities =
      unreachable.some((target) => target.endsWith('__c')) && qualified.startsWith('Task.')
        ? ': enable "Allow Activities" on the custom object'
        : fix;
    problems.push(`${qualified} cannot point at ${unreachable.join(', ')}${activities}`);
  }
  if (wanted.standard !== true && wanted.values !== undefined) {
    const active = new Set(
      (found.picklistValues ?? []).filter((v) => v.active !== false).map((v) => v.value),
    );
    const lacking = wanted.values.filter((value) => !active.has(value));
    if (lacking.length > 0)
      problems.push(`${qualified} lacks the picklist value(s) ${lacking.join(', ')}${fix}`);
  }
  const writes =
    wanted.access !== 'read' &&
    wanted.type !== 'Formula' &&
    wanted.type !== 'Id' &&
    !qualified.endsWith('.OwnerId');
  if (wanted.type === 'MasterDetail' && found.updateable === false) {
    problems.push(
      `${qualified} is not reparentable, so re-sending a message (a retry, a replay) fails: set "Allow reparenting" on it${fix}`,
    );
  } else if (writes && found.createable === false && found.updateable === false) {
    problems.push(
      `${qualified} is read-only for the integration user: ${grantHint(qualified, 'Edit Access')}`,
    );
  }
}

async function checkObject(
  connection: Connection<Schema>,
  name: string,
  wanted: SalesforceObject,
  report: Omit<SalesforceSetupReport, 'ok'>,
): Promise<void> {
  let described: z.infer<typeof describedObject>;
  try {
    described = describedObject.parse(await connection.describeSObject(name));
  } catch (error) {
    if (isFatal(error)) throw error;
    if (errorCodeOf(error) === 'NOT_FOUND' || errorCodeOf(error) === 'INVALID_TYPE') {
      report.missing.push(name);
      report.problems.push(
        wanted.custom
          ? `${name} is not in the org (or not visible to the integration user): deploy the Leadwire package and assign ${INTEGRATION_PERMISSION_SET}`
          : `${name} is not visible to the integration user: grant it access to ${name}`,
      );
      return;
    }
    const why = error instanceof z.ZodError ? 'an unexpected answer' : (errorCodeOf(error) ?? String(error));
    report.problems.push(`could not describe ${name} (${why}); run the check again`);
    return;
  }
  report.present.push(name);
  const byName = new Map(described.fields.map((field) => [field.name.toLowerCase(), field]));
  for (const [fieldName, field] of Object.entries(wanted.fields)) {
    const qualified = `${name}.${fieldName}`;
    const found = byName.get(fieldName.toLowerCase());
    if (found === undefined) {
      report.missing.push(qualified);
      // describe leaves out the fields field-level security hides: a standard field is always in the org
      if (field.standard === true)
        report.problems.push(
          `${qualified} is hidden from the integration user (field-level security): ${grantHint(qualified, field.access === 'read' ? 'Read Access' : 'Read and Edit Access')}`,
        );
      else
        report.problems.push(
          `${qualified} is not in the org or hidden from the integration user: deploy the Leadwire package, or ${grantHint(qualified, 'Read Access')}`,
        );
      continue;
    }
    report.present.push(qualified);
    compareField(qualified, field, found, report.problems);
  }
}

async function checkPermissionSet(
  connection: Connection<Schema>,
  userId: string | undefined,
  permissionSet: string,
  report: Omit<SalesforceSetupReport, 'ok'>,
): Promise<void> {
  const label = `permission set ${permissionSet} assigned to the integration user`;
  if (userId === undefined || !/^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/.test(userId)) {
    report.problems.push(`cannot tell which user Leadwire connects as, so ${permissionSet} was not checked`);
    return;
  }
  if (!/^\w+$/.test(permissionSet)) {
    report.problems.push(`"${permissionSet}" is not a permission set API name`);
    return;
  }
  try {
    const assigned = await connection.query(
      `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${userId}' AND PermissionSet.Name = '${permissionSet}'`,
    );
    if (assigned.totalSize > 0) {
      report.present.push(`${label} (${userId})`);
      return;
    }
  } catch (error) {
    if (isFatal(error)) throw error;
    report.problems.push(
      `could not read the permission set assignments (${errorCodeOf(error) ?? String(error)})`,
    );
    return;
  }
  report.missing.push(`${label} (${userId})`);
  let deployed: boolean | undefined;
  try {
    deployed =
      (await connection.query(`SELECT Id FROM PermissionSet WHERE Name = '${permissionSet}'`)).totalSize > 0;
  } catch (error) {
    if (isFatal(error)) throw error;
  }
  report.problems.push(
    deployed === false
      ? `the permission set ${permissionSet} is not in the org: deploy the Leadwire package, then assign it to user ${userId}`
      : `assign the permission set ${permissionSet} to user ${userId} (Setup → Users → Permission Set Assignments)`,
  );
}

/** The standard picklist values Leadwire writes: an unlisted value is saved as is, a restricted picklist refuses it. */
async function checkPicklistValues(
  connection: Connection<Schema>,
  values: Readonly<Record<string, string>>,
  report: Omit<SalesforceSetupReport, 'ok'>,
): Promise<void> {
  const objects = [...new Set(Object.keys(values).map((name) => name.split('.')[0] ?? ''))];
  const described = new Map<string, z.infer<typeof describedObject>>();
  for (const object of objects) {
    try {
      described.set(object, describedObject.parse(await connection.describeSObject(object)));
    } catch (error) {
      if (isFatal(error)) throw error;
    }
  }
  for (const [qualified, value] of Object.entries(values)) {
    const [object = '', fieldName = ''] = qualified.split('.');
    const field = described.get(object)?.fields.find((f) => f.name === fieldName);
    if (field === undefined) continue;
    const active = (field.picklistValues ?? []).filter((v) => v.active !== false).map((v) => v.value);
    if (active.includes(value)) {
      report.present.push(`${qualified} value "${value}"`);
      continue;
    }
    const settingName = qualified === 'Case.Origin' ? 'caseOrigin' : 'leadSource';
    const consequence =
      field.restrictedPicklist === true
        ? 'the picklist is restricted, so every write with it fails'
        : 'it is saved as an unlisted value reports and filters do not offer';
    report.problems.push(
      `${qualified} has no value "${value}" (${consequence}): add it in Setup → Object Manager → ${object} → Fields → ${fieldName} → Values, or set crm.salesforce.${settingName} to one of: ${active.join(', ')}`,
    );
  }
}

/** The queues routing may assign: each must be set up to own Leads and Cases. */
async function checkQueues(
  connection: Connection<Schema>,
  queueIds: readonly string[],
  report: Omit<SalesforceSetupReport, 'ok'>,
): Promise<void> {
  const ids = queueIds.filter((id) => /^00G[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/.test(id));
  for (const id of queueIds.filter((queueId) => !ids.includes(queueId)))
    report.problems.push(`routing names queue "${id}", which is not a Salesforce queue id (00G…)`);
  if (ids.length === 0) return;
  const list = ids.map((id) => `'${id}'`).join(', ');
  let rows: Record<string, unknown>[];
  let types: Record<string, unknown>[];
  try {
    rows = (await connection.query(`SELECT Id, Name FROM Group WHERE Type = 'Queue' AND Id IN (${list})`))
      .records as Record<string, unknown>[];
    types = (
      await connection.query(`SELECT QueueId, SobjectType FROM QueueSobject WHERE QueueId IN (${list})`)
    ).records as Record<string, unknown>[];
  } catch (error) {
    if (isFatal(error)) throw error;
    report.problems.push(`could not read the queues (${errorCodeOf(error) ?? String(error)})`);
    return;
  }
  for (const id of ids) {
    const queue = rows.find((row) => String(row.Id).slice(0, 15) === id.slice(0, 15));
    if (queue === undefined) {
      report.problems.push(`routing names queue ${id}, which the org does not have`);
      continue;
    }
    const supported = types.filter((row) => row.QueueId === queue.Id).map((row) => String(row.SobjectType));
    const lacking = ['Lead', 'Case'].filter((type) => !supported.includes(type));
    if (lacking.length === 0) report.present.push(`queue ${String(queue.Name)} (${id}) owns Leads and Cases`);
    else
      report.problems.push(
        `queue ${String(queue.Name)} (${id}) cannot own ${lacking.join(' or ')}: a ${lacking.join(' or ')} routed to it fails; add ${lacking.join(' and ')} to its Supported Objects (Setup → Queues)`,
      );
  }
}

/** Check that the org has every object and field of `schema` and that the integration user holds the permission set. */
export async function checkSalesforceOrg<S extends Schema>(
  connection: Connection<S>,
  schema: { objects: Readonly<Record<string, SalesforceObject>> },
  options: SalesforceSetupOptions = {},
): Promise<SalesforceSetupReport> {
  const conn = connection as unknown as Connection<Schema>;
  const report: Omit<SalesforceSetupReport, 'ok'> = { present: [], missing: [], problems: [] };
  // one report per object, merged in schema order so the output is stable
  const parts = await Promise.all(
    Object.entries(schema.objects).map(async ([name, wanted]) => {
      const part = { present: [], missing: [], problems: [] };
      await checkObject(conn, name, wanted, part);
      return part;
    }),
  );
  for (const part of parts) {
    report.present.push(...part.present);
    report.missing.push(...part.missing);
    report.problems.push(...part.problems);
  }
  const userId = options.userId ?? connection.userInfo?.id;
  await checkPermissionSet(conn, userId, options.permissionSet ?? INTEGRATION_PERMISSION_SET, report);
  await checkPicklistValues(conn, options.picklistValues ?? DEFAULT_PICKLIST_VALUES, report);
  await checkQueues(conn, options.queueIds ?? [], report);
  return { ...report, ok: report.missing.length === 0 && report.problems.length === 0 };
}

/** The report as the lines the CLI prints: `missing …`, `problem …` (and `present …` when verbose), then a summary. */
export function formatSetupReport(
  report: SalesforceSetupReport,
  options: { verbose?: boolean } = {},
): string {
  return [
    ...(options.verbose === true ? report.present.map((m) => `present  ${m}`) : []),
    ...report.missing.map((m) => `missing  ${m}`),
    ...report.problems.map((m) => `problem  ${m}`),
    `${report.present.length} present, ${report.missing.length} missing, ${report.problems.length} problem(s)` +
      (report.ok ? ': the Leadwire package is installed' : ''),
  ]
    .map((line) => `${line}\n`)
    .join('');
}
