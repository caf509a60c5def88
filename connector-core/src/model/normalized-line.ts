// The one-JSON-line-per-event shape `leadwire normalize` prints: what Leadwire understood of an update,
// identity and content first, without the raw JSON (the input file already has it).
import type { InboundEvent } from './inbound-event.ts';

/** Leading keys, in this order; every other known field follows as the event has it. */
const leadingKeys = ['kind', 'type', 'id', 'phoneNumberId', 'timestamp', 'user'] as const;

export function toNormalizedLine(event: InboundEvent): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...event };
  const line: Record<string, unknown> = {};
  for (const key of leadingKeys) {
    if (fields[key] !== undefined) line[key] = fields[key];
  }
  for (const [key, value] of Object.entries(fields)) {
    if (key !== 'raw' && !(key in line) && value !== undefined) line[key] = value;
  }
  return line;
}
