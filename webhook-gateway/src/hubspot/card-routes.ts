// The backend of the HubSpot record card and settings page (hubspot-app/project/src/app/cards/lib/card-data.ts and
// settings/lib/settings-data.ts are the JSON contracts):
//   GET  /hubspot/card?objectTypeId&objectId   CardData for the record (conversation: null when none)
//   POST /hubspot/claim    { conversationId, expectedVersion }   claim from the pool for the calling user
//   POST /hubspot/reply    { conversationId, text | template, requestId? }  send on WhatsApp as a person
//                          (template: { name, language, header?, body? }: any time; text: inside the 24-hour window)
//   GET  /hubspot/templates?conversationId      the business account's templates (status, category, parameters)
//   GET  /hubspot/settings                       SettingsData of the calling portal's tenant
//   PUT  /hubspot/settings { routing }           save the tenant's routing (an override, routing-overrides.ts)
// Every call: the v3 signature over the raw body and the public URL (401 otherwise), then the calling portal's
// tenant (404 when none); nothing of another tenant is ever read or changed. Errors answer
// `{ error: { code, message, issues? } }` (backend.ts `BackendErrorBody`).
import { errorHandling, isLeadwireError } from '@leadwire/connector-core';
import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../observability/logger.ts';
import type { CardService } from './card-service.ts';
import { type HubspotCaller, verifyCall } from './signed-request.ts';

export interface HubspotCardRoutesOptions {
  service: CardService;
  /** the HubSpot app's client secret: the key of the v3 signatures */
  clientSecret: string;
  /** config `hubspot.publicUrl`: the origin HubSpot called (and signed) */
  publicUrl: string;
  now: () => number;
  logger: Logger;
}

const claimBody = z.strictObject({
  conversationId: z.string().min(1),
  expectedVersion: z.number().int().min(0),
});
const replyBody = z
  .strictObject({
    conversationId: z.string().min(1),
    text: z.string().min(1).optional(),
    template: z
      .strictObject({
        name: z.string().min(1).max(512),
        language: z.string().min(1).max(20),
        header: z.array(z.string().max(1024)).max(10).optional(),
        body: z.array(z.string().max(32_768)).max(100).optional(),
      })
      .optional(),
    /** a client-generated idempotency key (the same key never sends twice) */
    requestId: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{8,128}$/)
      .optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.text === undefined) === (body.template === undefined))
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'send either a text or a template' });
  });
const settingsBody = z.strictObject({ routing: z.unknown() });

interface FieldIssue {
  path: (string | number)[];
  message: string;
}

class BadRequest extends Error {
  readonly issues: FieldIssue[];
  constructor(message: string, issues: FieldIssue[]) {
    super(message);
    this.issues = issues;
  }
}

/** An object without its undefined-valued keys (exact optional properties). */
function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: issue.message,
  }));
  throw new BadRequest(
    `The request is not valid: ${issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`,
    issues,
  );
}

function sendError(res: Response, status: number, code: string, message: string, issues?: FieldIssue[]) {
  res.status(status).json({ error: { code, message, ...(issues === undefined ? {} : { issues }) } });
}

type Work = (input: { req: Request; caller: HubspotCaller; body: unknown }) => Promise<unknown>;

export function hubspotCardRoutes(options: HubspotCardRoutesOptions): Router {
  const { service, logger } = options;
  const router = Router();
  // The raw bytes are what HubSpot signed: no JSON parser may run before the signature is checked.
  router.use('/hubspot', express.raw({ type: () => true, limit: '1mb' }));

  const handle =
    (work: Work) =>
    async (req: Request, res: Response): Promise<void> => {
      res.setHeader('cache-control', 'no-store');
      const verified = verifyCall(req, {
        clientSecret: options.clientSecret,
        publicUrl: options.publicUrl,
        now: options.now(),
      });
      if (!verified.ok) {
        logger.info({ requestId: req.id, path: req.path, status: verified.status }, 'hubspot call refused');
        sendError(
          res,
          verified.status,
          verified.status === 401 ? 'UNAUTHORIZED' : 'VALIDATION',
          verified.message,
        );
        return;
      }
      try {
        res.json(await work({ req, caller: verified.caller, body: verified.body }));
      } catch (error) {
        if (error instanceof BadRequest) {
          sendError(res, 400, 'VALIDATION', error.message, error.issues);
          return;
        }
        if (!isLeadwireError(error)) throw error;
        logger.info({ requestId: req.id, code: error.code, path: req.path }, 'hubspot call refused');
        const issues = Array.isArray(error.details?.issues)
          ? (error.details.issues as FieldIssue[])
          : undefined;
        sendError(res, errorHandling[error.code].httpStatus, error.code, error.message, issues);
      }
    };

  router.get(
    '/hubspot/card',
    handle(async ({ req, caller }) => {
      const objectTypeId = typeof req.query.objectTypeId === 'string' ? req.query.objectTypeId : '';
      const objectId = typeof req.query.objectId === 'string' ? req.query.objectId : '';
      const portal = await service.tenantOf(caller);
      return service.card(portal, objectTypeId, objectId);
    }),
  );
  router.post(
    '/hubspot/claim',
    handle(async ({ caller, body }) => {
      const input = parse(claimBody, body);
      const portal = await service.tenantOf(caller);
      return { assignment: await service.claim(portal, caller, input) };
    }),
  );
  router.post(
    '/hubspot/reply',
    handle(async ({ caller, body }) => {
      const input = parse(replyBody, body);
      const portal = await service.tenantOf(caller);
      return service.reply(portal, caller, {
        conversationId: input.conversationId,
        ...(input.text === undefined ? {} : { text: input.text }),
        ...(input.template === undefined ? {} : { template: stripUndefined(input.template) }),
        ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
      });
    }),
  );
  router.get(
    '/hubspot/templates',
    handle(async ({ caller, req }) => {
      const conversationId = typeof req.query.conversationId === 'string' ? req.query.conversationId : '';
      if (conversationId === '')
        throw new BadRequest('conversationId is required', [
          { path: ['conversationId'], message: 'required' },
        ]);
      const portal = await service.tenantOf(caller);
      return service.templates(portal, conversationId);
    }),
  );
  router.get(
    '/hubspot/settings',
    handle(async ({ caller }) => service.settings(await service.tenantOf(caller))),
  );
  router.put(
    '/hubspot/settings',
    handle(async ({ caller, body }) => {
      const input = parse(settingsBody, body);
      const portal = await service.tenantOf(caller);
      return service.saveSettings(portal, caller, input.routing);
    }),
  );
  return router;
}
