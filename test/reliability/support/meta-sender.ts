// A webhook sender that behaves like Meta: it signs each delivery with the app secret and retries a delivery
// until it gets a 200 (connection refused, reset, timeout, 503: all retried); a 200 means acknowledged.
// Every answer is kept, so scenarios can check what the gateway said and when.
import { setTimeout as sleep } from 'node:timers/promises';
import { signBody } from '@leadwire/webhook-gateway';

export interface Answer {
  startedAt: number;
  answeredAt: number;
  /** the HTTP status, or 0 when there was none (refused, reset, timed out) */
  status: number;
}

export interface DeliveryRecord {
  wamid: string;
  conversationId: string;
  answers: Answer[];
  /** when it got its 200 */
  acknowledgedAt?: number;
}

export interface MetaSenderOptions {
  /** the gateway's webhook URL */
  url: string;
  /** one delivery attempt may take this long before it counts as failed. Default 10 000 */
  timeoutMs?: number;
  /** deliveries in flight at once. Default 32 */
  maxInFlight?: number;
  /** give up (fail the test) when a delivery has not been acknowledged after this long. Default 180 000 */
  giveUpMs?: number;
  /** the Graph emulator playing the rest of Meta: each delivery opens its customer's 24-hour window there */
  graph?: { observe(body: string): void };
}

export class MetaSender {
  readonly deliveries = new Map<string, DeliveryRecord>();
  readonly #url: string;
  readonly #timeoutMs: number;
  readonly #giveUpMs: number;
  readonly #graph: MetaSenderOptions['graph'];
  #slots: number;
  readonly #waiting: Array<() => void> = [];

  constructor(options: MetaSenderOptions) {
    this.#url = options.url;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#giveUpMs = options.giveUpMs ?? 180_000;
    this.#slots = options.maxInFlight ?? 32;
    this.#graph = options.graph;
  }

  /** Deliver one webhook body until the gateway acknowledges it (200). */
  async deliver(delivery: {
    body: string;
    secret: string;
    wamid: string;
    conversationId: string;
  }): Promise<void> {
    const record: DeliveryRecord = {
      wamid: delivery.wamid,
      conversationId: delivery.conversationId,
      answers: [],
    };
    this.deliveries.set(delivery.wamid, record);
    this.#graph?.observe(delivery.body);
    const signature = signBody(delivery.body, delivery.secret);
    const giveUpAt = Date.now() + this.#giveUpMs;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.#post(delivery.body, signature);
      record.answers.push(answer);
      if (answer.status === 200) {
        record.acknowledgedAt = answer.answeredAt;
        return;
      }
      if (Date.now() > giveUpAt)
        throw new Error(
          `delivery of ${delivery.wamid} not acknowledged after ${record.answers.length} tries`,
        );
      // Meta backs off between retries; a shorter schedule keeps the test quick.
      await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
    }
  }

  acknowledged(): DeliveryRecord[] {
    return [...this.deliveries.values()].filter((d) => d.acknowledgedAt !== undefined);
  }

  /** every answer of every delivery */
  answers(): Answer[] {
    return [...this.deliveries.values()].flatMap((d) => d.answers);
  }

  async #post(body: string, signature: string): Promise<Answer> {
    await this.#acquire();
    const startedAt = Date.now();
    try {
      const res = await fetch(this.#url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return { startedAt, answeredAt: Date.now(), status: res.status };
    } catch {
      return { startedAt, answeredAt: Date.now(), status: 0 };
    } finally {
      this.#release();
    }
  }

  async #acquire(): Promise<void> {
    if (this.#slots > 0) {
      this.#slots--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#slots++;
    else next();
  }
}
