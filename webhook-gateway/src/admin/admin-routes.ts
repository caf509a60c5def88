// The admin API: what RevOps tools, the CRM cards and scripts call to act on routing — declare presence,
// claim from the pool, assign by hand, close finished work, hand a conversation back to the agent, read a
// conversation's routing. Bearer-token protected
// (`server.adminToken`); without a token configured it is switched off. Bad input is a 400 that changes
// nothing; a lost race is a 409 naming who holds the conversation now.
import { errorHandling, isLeadwireError, LeadwireError } from '@leadwire/connector-core';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../observability/logger.ts';
import type { RoutingService } from '../runtime/routing-service.ts';
import { sameSecret } from '../webhook/signature.ts';

const presenceBody = z.strictObject({
  status: z.enum(['online', 'away']),
  tenant: z.string().min(1).optional(),
});
const claimBody = z.strictObject({ userId: z.string().min(1) });
const assignBody = z.union([
  z.strictObject({ userId: z.string().min(1) }),
  z.strictObject({ queueId: z.string().min(1) }),
]);

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
  throw new LeadwireError('VALIDATION', problems.join('; '));
}

type Handler = (req: Request, res: Response) => Promise<void>;

export function adminRoutes(options: {
  token: string | undefined;
  routing: RoutingService;
  logger: Logger;
}): Router {
  const { token, routing, logger } = options;
  const router = Router();
  router.use(['/agents', '/conversations', '/pool'], (req: Request, res: Response, next: NextFunction) => {
    if (token === undefined) {
      res.status(403).json({ error: 'the admin API is off: set server.adminToken' });
      return;
    }
    // Only "Authorization: Bearer <token>": a bare token is refused like a wrong one.
    const bearer = /^Bearer ([^\s]+)$/i.exec(req.get('authorization') ?? '');
    if (bearer === null || !sameSecret(bearer[1]!, token)) {
      res.status(401).json({ error: 'a valid bearer token is required' });
      return;
    }
    next();
  });
  router.use(express.json({ limit: '16kb' }));

  const handle =
    (work: Handler) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        await work(req, res);
      } catch (error) {
        if (!isLeadwireError(error)) throw error;
        logger.info({ requestId: req.id, code: error.code, path: req.path }, 'admin request refused');
        res
          .status(errorHandling[error.code].httpStatus)
          .json({ error: error.message, code: error.code, ...error.details });
      }
    };
  const param = (req: Request, name: string): string => String(req.params[name]);

  router.post(
    '/agents/:id/presence',
    handle(async (req, res) => {
      const body = parse(presenceBody, req.body);
      const tenantId = routing.tenantOf(body.tenant);
      await routing.setPresence(tenantId, param(req, 'id'), body.status);
      res.json({ tenant: tenantId, userId: param(req, 'id'), status: body.status });
    }),
  );
  router.post(
    '/conversations/:id/claim',
    handle(async (req, res) => {
      const { userId } = parse(claimBody, req.body);
      res.json({ assignment: await routing.claim(param(req, 'id'), userId) });
    }),
  );
  router.post(
    '/conversations/:id/assign',
    handle(async (req, res) => {
      res.json({ assignment: await routing.assign(param(req, 'id'), parse(assignBody, req.body)) });
    }),
  );
  router.post(
    '/conversations/:id/close',
    handle(async (req, res) => {
      res.json({ assignment: await routing.close(param(req, 'id')) });
    }),
  );
  router.post(
    '/conversations/:id/release',
    handle(async (req, res) => {
      await routing.release(param(req, 'id'));
      res.json({ released: true });
    }),
  );
  router.get(
    '/conversations/:id/routing',
    handle(async (req, res) => {
      res.json(await routing.explain(param(req, 'id')));
    }),
  );
  router.get(
    '/pool',
    handle(async (req, res) => {
      const tenant = typeof req.query.tenant === 'string' ? req.query.tenant : undefined;
      res.json({ pool: await routing.pool(routing.tenantOf(tenant)) });
    }),
  );
  return router;
}
