// The delivery log in scale-out mode: a Redis stream under the store's hash tag, `{<prefix>}:deliveries`.
// Gateways XADD each delivery: the appends asked for in one event-loop turn, or while the previous call was
// out, go in one script call, one XADD per delivery in arrival order, and each is answered once the call
// returns (one command and one reply for a burst instead of one per request). Workers read it through the
// consumer group `ingest`, so each entry goes to one worker at a time, and XACK + XDEL it once ingested. An
// entry a worker read and never consumed (it crashed) is claimed by another after `claimAfterMs`. Durable as
// far as Redis is (AOF recommended).
import { hostname } from 'node:os';
import { Command, type Redis } from 'ioredis';
import type { DeadDelivery, DeliveryLog, DeliveryReceipt, LoggedDelivery } from '../ports/delivery-log.ts';
import { type LuaArg, LuaScript } from './lua-script.ts';
import { openRedis } from './redis-connection.ts';

/** XADDs one entry per four arguments (received at, signed by, request id, raw bytes), in order. */
const appendScript = new LuaScript(`
for i = 1, #ARGV, 4 do
  redis.call('XADD', KEYS[1], '*', 'r', ARGV[i], 's', ARGV[i + 1], 'q', ARGV[i + 2], 'b', ARGV[i + 3])
end
return #ARGV / 4
`);

/**
 * One script call carries at most this many deliveries, and no more bytes than this beyond its first: a burst
 * of large bodies does not become one huge command that holds Redis (and every other client) while it runs.
 */
export const APPEND_BATCH_MAX_ENTRIES = 256;
export const APPEND_BATCH_MAX_BYTES = 4 * 1024 * 1024;

interface PendingAppend {
  receipt: DeliveryReceipt;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface RedisDeliveryLogOptions {
  /** used when no `client` is given; the log opens and closes it */
  url?: string;
  /** an existing connection (the log does not close it) */
  client?: Redis;
  /** key prefix (default `lw`), as the store's */
  prefix?: string;
  /** how long an entry read by another worker stays with it before this one takes it over (default 30 s) */
  claimAfterMs?: number;
}

const GROUP = 'ingest';

type StreamEntry = [id: string, fields: Buffer[] | null];

export class RedisDeliveryLog implements DeliveryLog {
  readonly #client: Redis;
  readonly #ownsClient: boolean;
  readonly #key: string;
  /** deliveries the ingester set aside, a stream of their own beside the log */
  readonly #deadKey: string;
  readonly #consumer = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  readonly #claimAfterMs: number;
  #group: Promise<unknown> | undefined;
  /** appends asked for since the last flush; flushed once the event loop has handled this turn's I/O */
  #pending: PendingAppend[] = [];
  /** a flush's script calls are out */
  #flushing = false;

  constructor(options: RedisDeliveryLogOptions = {}) {
    this.#ownsClient = options.client === undefined;
    this.#client = options.client ?? openRedis(options.url);
    this.#key = `{${options.prefix ?? 'lw'}}:deliveries`;
    this.#deadKey = `{${options.prefix ?? 'lw'}}:deliveries:dead`;
    this.#claimAfterMs = options.claimAfterMs ?? 30_000;
  }

  append(receipt: DeliveryReceipt): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ receipt, resolve, reject });
      // setImmediate, not a microtask: the requests whose bodies ended in this turn's I/O all join the call.
      if (this.#pending.length === 1 && !this.#flushing) setImmediate(this.#flush);
    });
  }

  /**
   * Sends what is pending; while its calls are out, new appends wait and go together once they are back (as
   * ioredis's auto-pipelining holds commands behind a pipeline in flight): under load a call carries what
   * arrived during one round trip.
   */
  readonly #flush = (): void => {
    const pending = this.#pending;
    if (pending.length === 0 || this.#flushing) return;
    this.#pending = [];
    this.#flushing = true;
    const calls: Array<Promise<unknown>> = [];
    let args: LuaArg[] = [];
    let batch: PendingAppend[] = [];
    let bytes = 0;
    for (const append of pending) {
      const { receipt } = append;
      if (
        batch.length === APPEND_BATCH_MAX_ENTRIES ||
        (batch.length > 0 && bytes + receipt.rawBody.length > APPEND_BATCH_MAX_BYTES)
      ) {
        calls.push(this.#appendBatch(batch, args));
        args = [];
        batch = [];
        bytes = 0;
      }
      args.push(receipt.receivedAt, receipt.signedBy.join(','), receipt.requestId, receipt.rawBody);
      batch.push(append);
      bytes += receipt.rawBody.length;
    }
    calls.push(this.#appendBatch(batch, args));
    const sent = (): void => {
      this.#flushing = false;
      this.#flush();
    };
    if (calls.length === 1) calls[0]!.then(sent);
    else Promise.all(calls).then(sent);
  };

  /** One script call for the batch: every append in it is answered by the call's outcome. Never rejects. */
  #appendBatch(batch: PendingAppend[], args: LuaArg[]): Promise<void> {
    return appendScript.run(this.#client, this.#key, args).then(
      () => {
        for (const append of batch) append.resolve();
      },
      (error: unknown) => {
        for (const append of batch) append.reject(error);
      },
    );
  }

  async read(limit: number): Promise<LoggedDelivery[]> {
    await this.#ensureGroup();
    const client = this.#client;
    // This worker's own unconsumed entries first, then others' abandoned ones, then new ones.
    let entries = await this.#readGroup(limit, '0');
    if (entries.length === 0) {
      // No typed XAUTOCLAIM returning buffers (and `callBuffer` loses its command when auto-pipelined).
      const claim = new Command(
        'XAUTOCLAIM',
        [this.#key, GROUP, this.#consumer, this.#claimAfterMs, '0-0', 'COUNT', limit],
        { replyEncoding: null },
      );
      const claimed = (await client.sendCommand(claim)) as [Buffer, StreamEntry[]];
      entries = claimed[1].map(([id, fields]) => [String(id), fields]);
    }
    if (entries.length === 0) {
      entries = await this.#readGroup(limit, '>');
    }
    const logged: LoggedDelivery[] = [];
    const gone: string[] = [];
    for (const [id, fields] of entries) {
      // A pending entry deleted meanwhile (another worker consumed it) comes back without fields.
      if (fields === null) gone.push(id);
      else logged.push(deliveryOf(id, fields));
    }
    if (gone.length > 0) await client.xack(this.#key, GROUP, ...gone);
    return logged;
  }

  async consume(positions: readonly string[]): Promise<void> {
    if (positions.length === 0) return;
    await this.#client
      .multi()
      .xack(this.#key, GROUP, ...positions)
      .xdel(this.#key, ...positions)
      .exec();
  }

  async backlog(): Promise<number> {
    return this.#client.xlen(this.#key);
  }

  async oldestReceivedAt(): Promise<number | undefined> {
    const [first] = await this.#client.xrangeBuffer(this.#key, '-', '+', 'COUNT', 1);
    return first === undefined ? undefined : deliveryOf(String(first[0]), first[1]).receivedAt;
  }

  async deadLetter(entry: LoggedDelivery, reason: string, failedAt: number): Promise<void> {
    await this.#client
      .multi()
      .xadd(this.#deadKey, '*', ...fieldsOf(entry), 'e', reason, 'f', failedAt)
      .xack(this.#key, GROUP, entry.position)
      .xdel(this.#key, entry.position)
      .exec()
      .then(failOnError);
  }

  async deadLetterCount(): Promise<number> {
    return this.#client.xlen(this.#deadKey);
  }

  async deadLetters(limit = 1000): Promise<DeadDelivery[]> {
    const entries = await this.#client.xrangeBuffer(this.#deadKey, '-', '+', 'COUNT', limit);
    return entries.map(([id, fields]) => deadOf(String(id), fields));
  }

  async replayDeadLetter(id: string): Promise<boolean> {
    if (!/^\d+-\d+$/.test(id)) return false;
    const [found] = await this.#client.xrangeBuffer(this.#deadKey, id, id);
    if (found === undefined) return false;
    const dead = deadOf(id, found[1]);
    await this.#client
      .multi()
      .xadd(this.#key, '*', ...fieldsOf(dead))
      .xdel(this.#deadKey, id)
      .exec()
      .then(failOnError);
    return true;
  }

  /** A write, not a PING: a Redis refusing writes (out of memory, a failed save) fails it as it fails appends. */
  async ping(): Promise<void> {
    await this.#client.set(`${this.#key}:probe`, Date.now());
  }

  async close(): Promise<void> {
    if (this.#ownsClient) await this.#client.quit().catch(() => undefined);
  }

  /** This worker's unconsumed entries (`0`), or entries no worker has read yet (`>`). */
  async #readGroup(limit: number, from: '0' | '>'): Promise<Array<[string, Buffer[] | null]>> {
    const reply = await this.#client.xreadgroupBuffer(
      'GROUP',
      GROUP,
      this.#consumer,
      'COUNT',
      limit,
      'STREAMS',
      this.#key,
      from,
    );
    return entriesOf(reply);
  }

  #ensureGroup(): Promise<unknown> {
    this.#group ??= this.#client.xgroup('CREATE', this.#key, GROUP, '0', 'MKSTREAM').catch((error: Error) => {
      if (!error.message.includes('BUSYGROUP')) {
        this.#group = undefined;
        throw error;
      }
    });
    return this.#group;
  }
}

function entriesOf(reply: unknown): Array<[string, Buffer[] | null]> {
  const streams = reply as Array<[Buffer, StreamEntry[]]> | null;
  if (streams === null || streams.length === 0) return [];
  return streams[0]![1].map(([id, fields]) => [String(id), fields]);
}

/** A receipt as stream fields: r received at, s signed by, q request id, b the raw bytes. */
function fieldsOf(receipt: DeliveryReceipt): Array<string | number | Buffer> {
  return [
    'r',
    receipt.receivedAt,
    's',
    receipt.signedBy.join(','),
    'q',
    receipt.requestId,
    'b',
    receipt.rawBody,
  ];
}

/** A MULTI's replies carry per-command errors instead of rejecting: surface the first. */
function failOnError(replies: Array<[Error | null, unknown]> | null): void {
  if (replies === null) throw new Error('the Redis transaction was aborted');
  const failed = replies.find(([error]) => error !== null);
  if (failed !== undefined) throw failed[0];
}

function deadOf(id: string, fields: Buffer[]): DeadDelivery {
  const value = fieldMap(fields);
  return { id, ...receiptOf(value), reason: String(value.get('e') ?? ''), failedAt: Number(value.get('f')) };
}

function deliveryOf(position: string, fields: Buffer[]): LoggedDelivery {
  return { position, ...receiptOf(fieldMap(fields)) };
}

function fieldMap(fields: Buffer[]): Map<string, Buffer> {
  const value = new Map<string, Buffer>();
  for (let i = 0; i + 1 < fields.length; i += 2) value.set(String(fields[i]), fields[i + 1]!);
  return value;
}

function receiptOf(value: Map<string, Buffer>): DeliveryReceipt {
  return {
    receivedAt: Number(value.get('r')),
    signedBy: String(value.get('s') ?? '')
      .split(',')
      .filter((id) => id !== ''),
    requestId: String(value.get('q') ?? ''),
    rawBody: value.get('b') ?? Buffer.alloc(0),
  };
}
