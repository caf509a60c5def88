// bench:pipeline's customers: each writes one text, then taps the button the agent's reply offers (urgent,
// then "yes" to the confirmation), sending each message only once the agent's reply to the previous one has
// reached the Graph emulator — as a person on WhatsApp would, so the debounce never merges two messages and
// every message is its own turn. The third turn hands the Lead over and writes it to the CRM.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { REPLY_IDS } from '@leadwire/connector-core';
import { type EmulatedSend, type GraphEmulator, webhookEnvelope } from '@leadwire/webhook-gateway';

export const FIRST_TEXT = 'Necesito una limpieza profunda en Jeddah';
/** The answer to the agent's question (when?): with it every signal is known and the agent asks to confirm. */
const SECOND_TEXT = 'hoy, es urgente';

export interface Customer {
  index: number;
  /** WhatsApp id: 3469 + 7 digits (see CUSTOMER_NUMBER) */
  waId: string;
  phoneNumberId: string;
  conversationId: string;
  /** per message: when the POST left, when the gateway answered, when the agent's reply arrived */
  postMs: number[];
  ackMs: number[];
  replyMs: number[];
  /** why a webhook POST had to be sent again (the connection failed before an answer) */
  postRetries: string[];
  /** when the bench saw turn 3 committed in the store */
  committedMs?: number;
  failure?: string;
}

/** Waits for agent replies per customer: wraps the emulator's `sent.push`, which every send goes through. */
export class ReplyWatcher {
  readonly #waiting = new Map<string, (send: EmulatedSend, atMs: number) => void>();
  readonly #early = new Map<string, Array<{ send: EmulatedSend; atMs: number }>>();
  sends = 0;

  constructor(graph: GraphEmulator) {
    const sent = graph.sent;
    const push = sent.push.bind(sent);
    sent.push = (...items: EmulatedSend[]) => {
      const atMs = performance.now();
      for (const send of items) this.#deliver(send, atMs);
      // Keep nothing: a million sends over a full run would only hold memory.
      return push();
    };
  }

  #deliver(send: EmulatedSend, atMs: number): void {
    this.sends++;
    const to = send.recipient;
    const waiter = this.#waiting.get(to);
    if (waiter !== undefined) {
      this.#waiting.delete(to);
      waiter(send, atMs);
    } else {
      const list = this.#early.get(to) ?? [];
      list.push({ send, atMs });
      this.#early.set(to, list);
    }
  }

  /** The next reply to `waId` (one that came before the wait counts), or undefined after `timeoutMs`. */
  next(waId: string, timeoutMs: number): Promise<{ send: EmulatedSend; atMs: number } | undefined> {
    const early = this.#early.get(waId)?.shift();
    if (early !== undefined) return Promise.resolve(early);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(waId);
        resolve(undefined);
      }, timeoutMs);
      this.#waiting.set(waId, (send, atMs) => {
        clearTimeout(timer);
        resolve({ send, atMs });
      });
    });
  }
}

/** The reply button ids a sent message offers. */
function buttonsOf(send: EmulatedSend): string[] {
  const interactive = send.body.interactive as
    | { action?: { buttons?: Array<{ reply?: { id?: string } }> } }
    | undefined;
  return (interactive?.action?.buttons ?? []).map((b) => b.reply?.id ?? '');
}

let wamids = 0;

function webhook(customer: Customer, content: Record<string, unknown>): string {
  wamids++;
  return JSON.stringify(
    webhookEnvelope({
      phoneNumberId: customer.phoneNumberId,
      field: 'messages',
      value: {
        contacts: [{ profile: { name: `Cliente ${customer.index}` }, wa_id: customer.waId }],
        messages: [
          {
            from: customer.waId,
            id: `wamid.pipeline-${process.pid}-${wamids}`,
            timestamp: String(Math.floor(Date.now() / 1000)),
            ...content,
          },
        ],
      },
    }),
  );
}

/**
 * The customers' connections to the gateway, kept open between messages as Meta's are. node:http rather than
 * fetch: the load generator shares the machine's two cores with the system under test, and fetch costs several
 * times the CPU per request.
 */
const gatewayAgent = new Agent({ keepAlive: true });

/** POSTs a signed webhook; resolves with the status once the whole answer was read. */
function postJson(url: string, body: string, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: gatewayAgent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-hub-signature-256': signature,
        },
      },
      (res) => {
        res.on('error', reject);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.resume();
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface DriveOptions {
  gatewayUrl: string;
  /** the Graph emulator playing Meta: each message opens the customer's 24-hour window there */
  graph: Pick<GraphEmulator, 'observe'>;
  appSecret: string;
  replies: ReplyWatcher;
  /** how long a customer waits for a reply (or the commit) before giving up */
  patienceMs: number;
  committed(conversationId: string): Promise<boolean>;
}

/** One customer's whole conversation; records times on `customer` and never throws. */
export async function converse(customer: Customer, options: DriveOptions): Promise<void> {
  const post = async (body: string) => {
    customer.postMs.push(performance.now());
    options.graph.observe(body);
    const signature = `sha256=${createHmac('sha256', options.appSecret).update(body).digest('hex')}`;
    const send = () => postJson(`${options.gatewayUrl}/webhooks/whatsapp`, body, signature);
    // A connection that fails before any answer is retried, as Meta retries a delivery (counted).
    let status: number;
    for (let attempt = 1; ; attempt++) {
      try {
        status = await send();
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        customer.postRetries.push((error as Error).message);
      }
    }
    // A 503 (the gateway could not persist in time) is retried, as Meta retries anything but a 200 (counted).
    for (let attempt = 1; status === 503 && attempt <= 20; attempt++) {
      customer.postRetries.push('503');
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      status = await send();
    }
    customer.ackMs.push(performance.now());
    if (status !== 200) throw new Error(`the gateway answered ${status}`);
  };
  /** The agent's reply to message `turn`: the first send, or the first offering `button` when one is wanted. */
  const reply = async (turn: number, button?: string) => {
    const offered: string[] = [];
    for (;;) {
      const got = await options.replies.next(customer.waId, options.patienceMs);
      if (got === undefined)
        throw new Error(
          offered.length === 0
            ? `no reply to message ${turn}`
            : `reply ${turn} offered [${offered.join(', ')}], not ${button}`,
        );
      const buttons = buttonsOf(got.send);
      if (button === undefined || buttons.includes(button)) {
        customer.replyMs.push(got.atMs);
        return;
      }
      offered.push(...buttons);
    }
  };
  try {
    await post(webhook(customer, { type: 'text', text: { body: FIRST_TEXT } }));
    await reply(1);
    await post(webhook(customer, { type: 'text', text: { body: SECOND_TEXT } }));
    const yes = REPLY_IDS.confirmYes;
    await reply(2, yes);
    await post(
      webhook(customer, {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: yes, title: yes } },
      }),
    );
    await reply(3);
    const deadline = performance.now() + options.patienceMs;
    while (!(await options.committed(customer.conversationId))) {
      if (performance.now() > deadline) throw new Error('turn 3 did not commit');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    customer.committedMs = performance.now();
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    customer.failure = `${(error as Error).message}${cause === undefined ? '' : `: ${cause.message}`}`;
  }
}
