// Customers who write like people do: each sends its script one message at a time and, like someone tapping
// the buttons they were just shown, waits for the agent's answer to a message before sending the next.
import { setTimeout as sleep } from 'node:timers/promises';
import { REPLY_IDS } from '@leadwire/connector-core';
import type { EmulatedSend, GraphEmulator } from '@leadwire/webhook-gateway';
import { webhookBody } from '../../../webhook-gateway/test/support/harness.ts';
import type { MetaSender } from './meta-sender.ts';

export type ScriptStep = { text: string } | { tap: string };

/**
 * Four messages that make a Lead and then add a line to it: service and place; when (the agent asks); yes to
 * its confirmation; thanks.
 */
export const leadScript: readonly ScriptStep[] = [
  { text: 'Necesito una limpieza profunda en Jeddah' },
  { text: 'hoy, es urgente' },
  { tap: REPLY_IDS.confirmYes },
  { text: 'Gracias, también las ventanas' },
];

export interface Customer {
  from: string;
  phoneNumberId: string;
  /** the app secret Meta signs this number's webhooks with */
  secret: string;
  conversationId: string;
  script: readonly ScriptStep[];
  /** wamids of the messages sent so far */
  wamids: string[];
  /** why the customer stopped before the end of the script */
  stuck?: string;
}

export function customer(
  from: string,
  number: { phoneNumberId: string; secret: string },
  script: readonly ScriptStep[] = leadScript,
): Customer {
  return { from, ...number, conversationId: `${number.phoneNumberId}:${from}`, script, wamids: [] };
}

/** The agent's sends per customer, read incrementally from the Graph emulator's `sent` list. */
export class Replies {
  readonly #graph: GraphEmulator;
  readonly #byCustomer = new Map<string, EmulatedSend[]>();
  #seen = 0;

  constructor(graph: GraphEmulator) {
    this.#graph = graph;
  }

  to(phoneNumberId: string, to: string): EmulatedSend[] {
    const sent = this.#graph.sent;
    for (; this.#seen < sent.length; this.#seen++) {
      const send = sent[this.#seen]!;
      const key = `${send.phoneNumberId}:${send.recipient}`;
      const list = this.#byCustomer.get(key) ?? [];
      list.push(send);
      this.#byCustomer.set(key, list);
    }
    return this.#byCustomer.get(`${phoneNumberId}:${to}`) ?? [];
  }
}

export interface CustomerRunOptions {
  sender: MetaSender;
  /** resolves true once message `index` (0-based) may be sent, false when it waited in vain */
  ready(customer: Customer, index: number): Promise<boolean>;
}

/** Waits for the customer's `index`-th reply (the answer to its previous message), up to `timeoutMs`. */
export function afterReplies(replies: Replies, timeoutMs = 180_000): CustomerRunOptions['ready'] {
  return async (c, index) => {
    const deadline = Date.now() + timeoutMs;
    while (replies.to(c.phoneNumberId, c.from).length < index) {
      if (Date.now() > deadline) return false;
      await sleep(100);
    }
    return true;
  };
}

/** Run one customer's script to its end (or until it gets stuck; `stuck` says where). */
export async function runCustomer(c: Customer, options: CustomerRunOptions): Promise<void> {
  for (const [index, step] of c.script.entries()) {
    if (index > 0 && !(await options.ready(c, index))) {
      c.stuck = `no answer to message ${index} (${c.wamids[index - 1]}) in time`;
      return;
    }
    const content =
      'text' in step
        ? { type: 'text', text: { body: step.text } }
        : {
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: { id: step.tap, title: step.tap } },
          };
    const wamid = `wamid.reliability-${c.phoneNumberId}-${c.from}-${index}`;
    const body = webhookBody(
      {
        contacts: [{ profile: { name: `Customer ${c.from.slice(-4)}` }, wa_id: c.from }],
        messages: [{ from: c.from, id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), ...content }],
      },
      { phoneNumberId: c.phoneNumberId },
    );
    c.wamids.push(wamid);
    try {
      await options.sender.deliver({ body, secret: c.secret, wamid, conversationId: c.conversationId });
    } catch (error) {
      c.stuck = (error as Error).message;
      return;
    }
  }
}

/** Run every customer, starting them evenly over `rampMs`. */
export async function runCustomers(
  customers: readonly Customer[],
  options: CustomerRunOptions & { rampMs: number },
): Promise<void> {
  const gapMs = customers.length > 1 ? options.rampMs / (customers.length - 1) : 0;
  await Promise.all(
    customers.map(async (c, i) => {
      await sleep(Math.round(i * gapMs));
      await runCustomer(c, options);
    }),
  );
}
