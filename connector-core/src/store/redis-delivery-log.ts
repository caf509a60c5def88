// The delivery log in scale-out mode: a Redis stream under the store's hash tag, `{<prefix>}:deliveries`.
// Gateways XADD (one round trip); workers read it through the consumer group `ingest`, so each entry goes to
// one worker at a time, and XACK + XDEL it once ingested. An entry a worker read and never consumed (it
// crashed) is claimed by another after `claimAfterMs`. Durable as far as Redis is (AOF recommended).
import { hostname } from 'node:os';
import { Command, type Redis } from 'ioredis';
import type { DeliveryLog, DeliveryReceipt, LoggedDelivery } from '../ports/delivery-log.ts';
import { openRedis } from './redis-connection.ts';

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
  readonly #consumer = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  readonly #claimAfterMs: number;
  #group: Promise<unknown> | undefined;

  constructor(options: RedisDeliveryLogOptions = {}) {
    this.#ownsClient = options.client === undefined;
    this.#client = options.client ?? openRedis(options.url);
    this.#key = `{${options.prefix ?? 'lw'}}:deliveries`;
    this.#claimAfterMs = options.claimAfterMs ?? 30_000;
  }

  async append(receipt: DeliveryReceipt): Promise<void> {
    await this.#client.xadd(
      this.#key,
      '*',
      'r',
      receipt.receivedAt,
      's',
      receipt.signedBy.join(','),
      'q',
      receipt.requestId,
      'b',
      receipt.rawBody,
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

  async ping(): Promise<void> {
    await this.#client.ping();
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

function deliveryOf(position: string, fields: Buffer[]): LoggedDelivery {
  const value = new Map<string, Buffer>();
  for (let i = 0; i + 1 < fields.length; i += 2) value.set(String(fields[i]), fields[i + 1]!);
  return {
    position,
    receivedAt: Number(value.get('r')),
    signedBy: String(value.get('s') ?? '')
      .split(',')
      .filter((id) => id !== ''),
    requestId: String(value.get('q') ?? ''),
    rawBody: value.get('b') ?? Buffer.alloc(0),
  };
}
