// The benchmarks' webhook bodies: what Meta sends a busy business number, in a fixed mix.

import { createHash } from 'node:crypto';
import { webhookEnvelope } from '@leadwire/webhook-gateway';

export const PHONE_NUMBER_ID = '106540352242922';

/** Distinct customers the deliveries come from (one conversation each). */
export const CUSTOMERS = 20_000;

/** A realistic mix: 60 % texts, 10 % voice notes, 30 % status batches (sent/delivered/read of 3 of
 * Leadwire's replies). */
export function delivery(i: number, customers = CUSTOMERS): string {
  const from = `1650${String(5_000_000 + (i % customers)).padStart(7, '0')}`;
  const ts = String(1_750_000_000 + i);
  const contacts = [{ profile: { name: 'Sheena Nelson' }, wa_id: from }];
  const message = (content: Record<string, unknown>) => ({
    contacts,
    messages: [{ from, id: `wamid.bench-${i}`, timestamp: ts, ...content }],
  });
  let value: Record<string, unknown>;
  const kind = i % 10;
  if (kind < 6) {
    value = message({
      type: 'text',
      text: { body: `Hola, necesito limpieza profunda hoy en Jeddah \u00e1 #${i}` },
    });
  } else if (kind === 6) {
    value = message({
      type: 'audio',
      audio: {
        mime_type: 'audio/ogg; codecs=opus',
        sha256: 'wvqXMe6n7n1W0zphvLPoLj+s/NtKqmr3zZ7YzTP7xFI=',
        id: `${1908647269898587 + i}`,
        voice: true,
      },
    });
  } else {
    value = {
      statuses: ['sent', 'delivered', 'read'].map((status, k) => ({
        id: `wamid.out-${i}-${k}`,
        status,
        timestamp: ts,
        recipient_id: from,
        // Leadwire's own sends carry their callback data, and Meta echoes it in every status.
        biz_opaque_callback_data: `leadwire-send:v1:${createHash('sha256').update(`${i}-${k}`).digest('base64url')}`,
        ...(status === 'sent'
          ? { pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'service' } }
          : {}),
      })),
    };
  }
  return JSON.stringify(webhookEnvelope({ phoneNumberId: PHONE_NUMBER_ID, field: 'messages', value }));
}
