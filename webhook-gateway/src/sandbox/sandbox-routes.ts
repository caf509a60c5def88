// The sandbox's page (`/sandbox`) and its JSON API (`/sandbox/api/*`): thin HTTP over the sandbox driver.
// Bad input is a 400 with the reason and changes nothing.
import { join } from 'node:path';
import { isLeadwireError } from '@leadwire/connector-core';
import express, { type ErrorRequestHandler, type Request, type Router } from 'express';
import { z } from 'zod';
import {
  customerNumber,
  type SandboxDriver,
  sandboxCrm,
  sandboxCrmReply,
  sandboxMessage,
} from './sandbox-driver.ts';

const pageDir = join(import.meta.dirname, 'page');

const withCustomer = z.object({ crm: sandboxCrm, customer: customerNumber });

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
  throw new InputError(`${where}${issue?.message ?? 'invalid input'}`);
}

class InputError extends Error {}

export function sandboxRoutes(driver: SandboxDriver): Router {
  const router = express.Router();
  router.get('/sandbox', (_req, res) => {
    res.sendFile(join(pageDir, 'index.html'));
  });
  router.use('/sandbox', express.static(pageDir, { index: false, fallthrough: true }));

  const api = express.Router();
  api.use(express.json({ limit: '25mb' }));
  const body = (req: Request): unknown => req.body ?? {};

  api.get('/state', async (req, res) => {
    const { crm, customer } = parse(withCustomer, req.query);
    res.json(await driver.state(crm, customer));
  });
  api.post('/messages', async (req, res) => {
    const input = parse(
      withCustomer.extend({
        customerName: z.string().trim().min(1).max(100).optional(),
        message: sandboxMessage,
      }),
      body(req),
    );
    res.status(202).json(await driver.send(input.crm, input.customer, input.message, input.customerName));
  });
  api.post('/owner-reply', async (req, res) => {
    const input = parse(withCustomer.extend({ text: z.string().trim().min(1).max(4096) }), body(req));
    res.status(202).json(await driver.ownerReply(input.crm, input.customer, input.text));
  });
  api.get('/templates', async (req, res) => {
    const { crm, customer } = parse(withCustomer, req.query);
    res.json(await driver.templates(crm, customer));
  });
  api.post('/crm-reply', async (req, res) => {
    const input = parse(withCustomer.extend({ reply: sandboxCrmReply }), body(req));
    res.status(202).json(await driver.crmReply(input.crm, input.customer, input.reply));
  });
  api.post('/release', async (req, res) => {
    const input = parse(withCustomer, body(req));
    await driver.release(input.crm, input.customer);
    res.json({});
  });
  api.post('/presence', async (req, res) => {
    const input = parse(
      z.object({ crm: sandboxCrm, userId: z.string().min(1), online: z.boolean() }),
      body(req),
    );
    res.json({ team: await driver.setPresence(input.crm, input.userId, input.online) });
  });
  api.post('/clock', (req, res) => {
    const input = parse(
      z.object({
        advanceMinutes: z
          .number()
          .positive()
          .max(7 * 24 * 60),
      }),
      body(req),
    );
    res.json(driver.advanceClock(input.advanceMinutes));
  });
  api.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    if (error instanceof InputError) return void res.status(400).json({ error: error.message });
    if ((error as { type?: string }).type === 'entity.parse.failed')
      return void res.status(400).json({ error: 'the body is not JSON' });
    if ((error as { type?: string }).type === 'entity.too.large')
      return void res.status(413).json({ error: 'the body is too large (25 MB at most)' });
    if (isLeadwireError(error, 'NOT_FOUND')) return void res.status(404).json({ error: error.message });
    if (isLeadwireError(error, 'VALIDATION')) return void res.status(400).json({ error: error.message });
    if (isLeadwireError(error, 'CONFLICT')) return void res.status(409).json({ error: error.message });
    res.status(500).json({ error: (error as Error).message });
  };
  api.use(onError);
  router.use('/sandbox/api', api);
  return router;
}
