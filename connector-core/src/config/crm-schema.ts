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
   * tokens come from the OAuth install (`/oauth/hubspot/install?tenant=<id>`)
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

export const tenantCrmSchema = z
  .strictObject({
    hubspot: tenantHubspotSchema.optional(),
    tasks: z
      .strictObject({
        /** an urgent lead's task is due this soon */
        urgentDueMinutes: z.number().int().min(1).default(30),
        /** any other task is due this soon */
        dueHours: z.number().int().min(1).default(24),
      })
      .prefault({}),
  })
  .refine((crm) => crm.hubspot !== undefined, { message: 'name the CRM: hubspot' })
  .refine((crm) => crm.hubspot?.accessToken === undefined || crm.hubspot.portalId !== undefined, {
    message: 'a fixed accessToken needs the portalId it belongs to',
    path: ['hubspot', 'portalId'],
  });

export type HubspotAppConfig = z.output<typeof hubspotAppSchema>;
export type TenantCrmConfig = z.output<typeof tenantCrmSchema>;
