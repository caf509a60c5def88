// Where a tenant's Leads and Inquiries are written: the HubSpot app a deployment runs (OAuth install) and
// each tenant's CRM settings (pipelines, stages, how a Lead is kept, task due times).
import { z } from 'zod';
import { secretRef } from './secret-ref.ts';

/** The deployment's HubSpot app (developer project): one per Leadwire deployment, installed by many portals. */
export const hubspotAppSchema = z.strictObject({
  /** the app's client id (HubSpot developer project → Auth) */
  clientId: z.string().min(1),
  /** the app's client secret; also the key of the v3 signatures on the card's calls */
  clientSecret: secretRef,
  /** this deployment's public https origin: redirect `<publicUrl>/oauth/hubspot/callback`, card calls */
  publicUrl: z.url(),
  /** HubSpot API origin; change it only to point at an emulator */
  apiBaseUrl: z.url().default('https://api.hubapi.com'),
});

export const tenantHubspotSchema = z.strictObject({
  /**
   * a fixed token (a private app's, or a test's) with the portal it belongs to; absent = the portal and
   * tokens come from the OAuth install (an operator's `leadwire install-link hubspot --tenant <id>`)
   */
  accessToken: secretRef.optional(),
  portalId: z.string().regex(/^\d+$/, 'a portal (hub) id is digits').optional(),
  /** HubSpot API origin for this tenant (default: the app's `apiBaseUrl`); change it only for an emulator */
  apiBaseUrl: z.url().optional(),
  /** `leads`: the Leads object where the portal has it, else a deal; `deal`: always a deal; `lifecycle`: contact lifecycle only */
  leadMode: z.enum(['leads', 'deal', 'lifecycle']).default('leads'),
  dealPipeline: z.string().min(1).default('default'),
  dealStage: z.string().min(1).default('appointmentscheduled'),
  ticketPipeline: z.string().min(1).default('0'),
  ticketStage: z.string().min(1).default('1'),
});

/** The deployment's Salesforce connected app: admins connect their orgs through it (OAuth web flow, PKCE). */
export const salesforceAppSchema = z.strictObject({
  /** the connected app's consumer key */
  consumerKey: z.string().min(1),
  /** the consumer secret, when the connected app requires one with PKCE */
  consumerSecret: secretRef.optional(),
  /** this deployment's public https origin: callback `<publicUrl>/oauth/salesforce/callback` */
  publicUrl: z.url(),
  loginUrl: z.url().default('https://login.salesforce.com'),
  sandboxLoginUrl: z.url().default('https://test.salesforce.com'),
  /** REST API version, e.g. `66.0` (the package's sourceApiVersion and the adapter's default) */
  apiVersion: z
    .string()
    .regex(/^\d+\.\d$/, 'an API version is like 62.0')
    .default('66.0'),
  /**
   * how often replies written on the record page (queued WhatsApp_Message__c rows) are read and sent, in ms; one
   * API call per org each time (default 30000)
   */
  replyPollMs: z.number().int().min(100).optional(),
});

export const tenantSalesforceSchema = z.strictObject({
  /**
   * a fixed session (an org without the OAuth install: tests, a pilot): the instance URL, an access token,
   * optionally a refresh token jsforce refreshes with; absent = the org the tenant connected through OAuth
   */
  instanceUrl: z.url().optional(),
  accessToken: secretRef.optional(),
  refreshToken: secretRef.optional(),
  /** the org id (`00D…`) of a fixed session */
  orgId: z
    .string()
    .regex(/^00D[0-9A-Za-z]{12,15}$/, 'an org id starts with 00D')
    .optional(),
  /** server-to-server: the JWT bearer flow as this integration user, signed with this private key (PEM) */
  jwt: z.strictObject({ username: z.string().min(1), privateKey: secretRef }).optional(),
  leadCompany: z.string().min(1).default('WhatsApp'),
  leadSource: z.string().min(1).default('WhatsApp'),
  caseOrigin: z.string().min(1).default('WhatsApp'),
});

export const tenantCrmSchema = z
  .strictObject({
    hubspot: tenantHubspotSchema.optional(),
    salesforce: tenantSalesforceSchema.optional(),
    tasks: z
      .strictObject({
        /** an urgent lead's task is due this soon */
        urgentDueMinutes: z.number().int().min(1).default(30),
        /** any other task is due this soon */
        dueHours: z.number().int().min(1).default(24),
      })
      .prefault({}),
  })
  .refine((crm) => (crm.hubspot === undefined) !== (crm.salesforce === undefined), {
    message: 'name one CRM: hubspot or salesforce',
  })
  .refine(
    (crm) =>
      crm.salesforce?.accessToken === undefined ||
      (crm.salesforce.instanceUrl !== undefined && crm.salesforce.orgId !== undefined),
    {
      message: 'a fixed Salesforce session needs instanceUrl and orgId',
      path: ['salesforce', 'instanceUrl'],
    },
  )
  .refine((crm) => crm.hubspot?.accessToken === undefined || crm.hubspot.portalId !== undefined, {
    message: 'a fixed accessToken needs the portalId it belongs to',
    path: ['hubspot', 'portalId'],
  });

export type HubspotAppConfig = z.output<typeof hubspotAppSchema>;
export type SalesforceAppConfig = z.output<typeof salesforceAppSchema>;
export type TenantCrmConfig = z.output<typeof tenantCrmSchema>;
