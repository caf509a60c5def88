import { z } from 'zod';
import {
  type Assignments,
  buildDirectory,
  type Conversation,
  isLeadwireError,
  openSqliteAssignments,
  RedisAssignments,
  routeStep,
  routingConfigSchema,
  signalsSchema,
  systemClock,
} from '../../src/index.ts';

const paramsSchema = z.strictObject({
  /** names this worker in its summary */
  name: z.string().min(1),
  adapter: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('sqlite'), path: z.string().min(1) }),
    z.strictObject({ kind: z.literal('redis'), url: z.string().min(1), prefix: z.string().min(1) }),
  ]),
  tenantId: z.string().min(1),
  phoneNumberId: z.string().min(1),
  /** the tenant's `routing` section (validated here as at boot) */
  routing: z.unknown(),
  /** the signals every conversation carries */
  signals: z.unknown(),
  /** the conversations to route, in this order */
  conversationIds: z.array(z.string().min(1)),
  /** route steps running at once in this process (jobs of one queue worker) */
  concurrency: z.number().int().positive(),
});

export type FairnessWorkerParams = z.input<typeof paramsSchema>;

export interface FairnessWorkerSummary {
  name: string;
  pid: number;
  /** the conversations whose assignment this process wrote */
  won: string[];
  /** the owner the route step returned, per conversation (the winner's, when the other process won) */
  owners: Record<string, string>;
  /** claims refused because another process assigned the chosen user first */
  userCountConflicts: number;
  /** claims refused because another process assigned the conversation first */
  versionConflicts: number;
  /** turns re-run after the step gave up with CONFLICT */
  rerunTurns: number;
  /** epoch ms: adapter open, routing started, routing done */
  readyAt: number;
  startedAt: number;
  finishedAt: number;
}

/** The adapter, counting the claims another process's write refused, and the ones this process won. */
function countingClaims(inner: Assignments, summary: FairnessWorkerSummary): Assignments {
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'assign') {
        return async (input: Parameters<Assignments['assign']>[0]) => {
          const result = await target.assign(input);
          if (result.status === 'assigned') summary.won.push(input.conversationId);
          else if (result.reason === 'user_count') summary.userCountConflicts++;
          else summary.versionConflicts++;
          return result;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function main(): Promise<void> {
  const params = paramsSchema.parse(JSON.parse(process.argv[2] ?? 'null'));
  const routing = routingConfigSchema.parse(params.routing);
  const signals = signalsSchema.parse(params.signals);
  const assignments: Assignments =
    params.adapter.kind === 'sqlite'
      ? openSqliteAssignments({ path: params.adapter.path, synchronous: 'NORMAL' })
      : new RedisAssignments({ url: params.adapter.url, prefix: params.adapter.prefix });
  const summary: FairnessWorkerSummary = {
    name: params.name,
    pid: process.pid,
    won: [],
    owners: {},
    userCountConflicts: 0,
    versionConflicts: 0,
    rerunTurns: 0,
    readyAt: 0,
    startedAt: 0,
    finishedAt: 0,
  };
  try {
    const step = routeStep({
      routingFor: () => ({ routing, serviceSkills: {} }),
      directoryFor: async () => buildDirectory(undefined, routing),
      assignments: countingClaims(assignments, summary),
      clock: systemClock,
    });
    await assignments.presence(params.tenantId); // connected (Redis) before the start
    summary.readyAt = Date.now();
    // Start together: say ready, then wait for the parent's "go" (sent once both workers are ready).
    process.stdout.write('ready\n');
    await new Promise<void>((resolve) => {
      process.stdin.setEncoding('utf8').on('data', (chunk: string) => {
        if (chunk.includes('go')) resolve();
      });
    });
    process.stdin.pause();
    summary.startedAt = Date.now();

    const routeOne = async (conversationId: string): Promise<string | undefined> => {
      const conversation: Conversation = {
        id: conversationId,
        tenantId: params.tenantId,
        phoneNumberId: params.phoneNumberId,
        user: {},
        state: 'handed_over',
        signals,
        crmRefs: {},
        turnSeq: 1,
        createdAt: '',
        updatedAt: '',
      };
      for (;;) {
        try {
          const routed = await step.run({
            conversation,
            turn: { conversationId, seq: 2, eventSeqs: [], claimedAt: '', fence: 1 },
            events: [],
            idempotencyKey: `${conversationId}:2:route`,
            assertLease: async () => {},
          });
          return routed.ownerId;
        } catch (error) {
          if (!isLeadwireError(error, 'CONFLICT')) throw error;
          summary.rerunTurns++;
        }
      }
    };
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < params.conversationIds.length; i = next++) {
        const conversationId = params.conversationIds[i] as string;
        const ownerId = await routeOne(conversationId);
        if (ownerId !== undefined) summary.owners[conversationId] = ownerId;
      }
    };
    await Promise.all(Array.from({ length: params.concurrency }, lane));
    summary.finishedAt = Date.now();
  } finally {
    await assignments.shutdown?.();
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

await main();
