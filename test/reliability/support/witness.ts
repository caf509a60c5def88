// The witnesses at the end of a run, once it has settled. The store says what Leadwire claims it did; the emulators, which outlived
// every kill, say what the outside world saw. Checked:
// - events: every acknowledged message is stored and claimed by exactly one committed turn (nothing pending);
// - replies: the Graph emulator received at most one send per turn. A send's turn is its idempotency key
//   `<conversationId>:<turnSeq>:reply`, which the messenger tags on every send (`biz_opaque_callback_data` =
//   sendCallbackData(key)), and the sent-log records the wamid Meta gave that key (`whatsapp-sent:<key>`).
//   A duplicate reply is a second send under one key: Meta accepted a send whose wamid never reached the log
//   and the turn sent again;
// - CRM records: one Lead (Salesforce Lead by WhatsApp_Key__c / HubSpot lead by leadwire_key), one person and
//   one conversation record per conversation, tasks unique per key, transcript lines unique per wamid, and
//   every message of a handed-over conversation in its transcript.
import type { JobQueue, Store } from '@leadwire/connector-core';
import type { EmulatedSend } from '@leadwire/webhook-gateway';
import { urlSafeKey } from '../../../salesforce-package/src/salesforce-crm.ts';
import { sendCallbackData } from '../../../webhook-gateway/src/whatsapp/graph-messenger.ts';
import type { World } from './emulated-world.ts';
import { HUBSPOT_NUMBER } from './emulated-world.ts';
import type { MetaSender } from './meta-sender.ts';
import type { Customer, Replies } from './scripted-customers.ts';
import { settled } from './settle.ts';

export interface Findings {
  sent: number;
  acknowledged: number;
  /** acknowledged messages claimed by a committed turn */
  processed: number;
  /** CRM records written (both CRMs) */
  records: number;
  /** CRM records, replies and event claims beyond one */
  duplicates: number;
  /** acknowledged messages not stored, or stored and never processed */
  lost: number;
  /** duplicate replies, of `duplicates` */
  duplicateReplies: number;
  handedOver: number;
  deadLetters: number;
  /** what went wrong, one line each (empty when all is well) */
  problems: string[];
}

/** Counts of values seen more than once. */
function extraCopies(values: Array<string | null | undefined>): { extra: number; repeated: string[] } {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  const repeated = [...counts].filter(([, n]) => n > 1);
  return {
    extra: repeated.reduce((sum, [, n]) => sum + n - 1, 0),
    repeated: repeated.map(([v, n]) => `${v}×${n}`),
  };
}

export async function witness(input: {
  store: Store;
  queue: JobQueue;
  customers: readonly Customer[];
  sender: MetaSender;
  replies: Replies;
  world: World;
  /** the CRMs are written (false: intake only) */
  crm?: boolean;
  /** every customer who finished a script of three or more messages is a Lead (default true) */
  expectLeads?: boolean;
  /** how long the run may take to settle before the witnesses are asked */
  settleTimeoutMs: number;
}): Promise<Findings> {
  const { store, queue, customers, sender, replies, world } = input;
  await settled({ store, queue, customers, world, timeoutMs: input.settleTimeoutMs });
  const problems: string[] = [];
  const problem = (line: string) => {
    if (problems.length < 40) problems.push(line);
    else if (problems.length === 40) problems.push('… (more)');
  };
  let sent = 0;
  let acknowledged = 0;
  let processed = 0;
  let lost = 0;
  let duplicates = 0;
  let duplicateReplies = 0;
  let handedOver = 0;
  const handedOverCustomers: Customer[] = [];

  for (const c of customers) {
    if (c.stuck !== undefined) problem(`${c.conversationId}: the customer got stuck: ${c.stuck}`);
    const acked = c.wamids.filter((w) => sender.deliveries.get(w)?.acknowledgedAt !== undefined);
    sent += c.wamids.length;
    acknowledged += acked.length;
    const [conversation, pending, events] = await Promise.all([
      store.getConversation(c.conversationId),
      store.pendingEvents(c.conversationId),
      store.conversationEvents(c.conversationId, { limit: 1000 }),
    ]);
    if (pending.length > 0)
      problem(
        `${c.conversationId}: ${pending.length} events still pending (${pending.map((e) => e.event.id)})`,
      );
    const turnSeq = conversation?.turnSeq ?? 0;
    const seqs = Array.from({ length: turnSeq }, (_, i) => i + 1);
    const turns = await Promise.all(seqs.map((s) => store.getTurn(c.conversationId, s)));
    const claims = turns.flatMap((t) => t?.eventSeqs ?? []);
    const doubleClaims = extraCopies(claims.map(String));
    if (doubleClaims.extra > 0) {
      duplicates += doubleClaims.extra;
      problem(`${c.conversationId}: events claimed by two turns: ${doubleClaims.repeated}`);
    }
    const claimed = new Set(claims);
    const seqOf = new Map(events.map((e) => [e.event.id, e.seq]));
    for (const wamid of acked) {
      const seq = seqOf.get(wamid);
      if (seq !== undefined && claimed.has(seq)) processed++;
      else {
        lost++;
        problem(
          `${c.conversationId}: acknowledged ${wamid} ${seq === undefined ? 'is not in the store' : 'was never processed'}`,
        );
      }
    }

    // Replies: one send per turn key at most; the logged wamid is the one Meta has.
    const sends = replies.to(c.phoneNumberId, c.from);
    const keys = seqs.map((s) => `${c.conversationId}:${s}:reply`);
    const turnOfCallback = new Map(keys.map((key, i) => [sendCallbackData(key), i + 1]));
    const byTurn = new Map<string, EmulatedSend[]>();
    for (const send of sends) {
      const callback = send.body.biz_opaque_callback_data;
      const turn = typeof callback === 'string' ? turnOfCallback.get(callback) : undefined;
      const group = turn === undefined ? `untagged or unknown turn (${String(callback)})` : `turn ${turn}`;
      byTurn.set(group, [...(byTurn.get(group) ?? []), send]);
    }
    for (const [group, list] of byTurn) {
      if (!group.startsWith('turn ')) problem(`${c.conversationId}: ${list.length} sends of ${group}`);
      if (list.length > 1) {
        duplicateReplies += list.length - 1;
        problem(
          `${c.conversationId}: ${list.length} replies sent for ${group}: ${list.map((s) => `${s.wamid} at ${new Date(s.at).toISOString()}`).join(', ')}`,
        );
      }
    }
    const logged = await Promise.all(keys.map((key) => store.getStepResult(`whatsapp-sent:${key}`)));
    const sentWamids = new Set(sends.map((s) => s.wamid));
    for (const [i, wamid] of logged.entries()) {
      if (typeof wamid === 'string' && !sentWamids.has(wamid))
        problem(`${c.conversationId}: turn ${i + 1} logged reply ${wamid}, which Meta never received`);
    }

    if (conversation?.state === 'handed_over') {
      handedOver++;
      handedOverCustomers.push(c);
    } else if (
      (input.expectLeads ?? true) &&
      c.stuck === undefined &&
      acked.length === c.script.length &&
      c.script.length >= 3
    )
      problem(`${c.conversationId}: ended ${conversation?.state ?? 'missing'}, not handed over`);
  }
  duplicates += duplicateReplies;

  let records = 0;
  if (input.crm ?? true) {
    const crm = crmWitness(world, handedOverCustomers);
    records = crm.records;
    duplicates += crm.duplicates;
    for (const line of crm.problems) problem(line);
  }

  const deadLetters = await queue.deadLetters();
  for (const letter of deadLetters.slice(0, 5))
    problem(`dead letter ${letter.name} ${JSON.stringify(letter.data)}: ${letter.code} ${letter.reason}`);
  return {
    sent,
    acknowledged,
    processed,
    records,
    duplicates,
    lost,
    duplicateReplies,
    handedOver,
    deadLetters: deadLetters.length,
    problems,
  };
}

function crmWitness(
  world: World,
  handedOver: readonly Customer[],
): { records: number; duplicates: number; problems: string[] } {
  const problems: string[] = [];
  let duplicates = 0;
  const unique = (what: string, values: Array<string | null | undefined>) => {
    const { extra, repeated } = extraCopies(values);
    duplicates += extra;
    if (extra > 0) problems.push(`${what}: ${extra} duplicates (${repeated.slice(0, 5).join(', ')})`);
    return new Set(values.map(String));
  };

  const sf = world.salesforce;
  const sfLeads = unique(
    'Salesforce Lead per WhatsApp key',
    sf.records('Lead').map((r) => r.WhatsApp_Key__c as string),
  );
  unique(
    'Salesforce Contact per WhatsApp key',
    sf.records('Contact').map((r) => r.WhatsApp_Key__c as string),
  );
  const sfConversations = unique(
    'Salesforce WhatsApp_Conversation__c per conversation',
    sf.records('WhatsApp_Conversation__c').map((r) => r.Conversation_Key__c as string),
  );
  unique(
    'Salesforce Task per key',
    sf.records('Task').map((r) => r.Leadwire_Key__c as string),
  );
  const sfLines = unique(
    'Salesforce WhatsApp_Message__c per wamid',
    sf.records('WhatsApp_Message__c').map((r) => r.Wamid__c as string),
  );

  const hs = world.hubspot;
  const hsContacts = unique(
    'HubSpot contact per conversation',
    hs.contacts().map((r) => r.properties.leadwire_conversation_id),
  );
  const hsLeads = unique(
    'HubSpot lead per key',
    hs.leads().map((r) => r.properties.leadwire_key),
  );
  unique(
    'HubSpot deal per key',
    hs.deals().map((r) => r.properties.leadwire_key),
  );
  unique(
    'HubSpot task per key',
    hs.tasks().map((r) => r.properties.leadwire_key),
  );
  const hsLines = unique(
    'HubSpot communication per wamid',
    hs.communications().map((r) => r.properties.leadwire_key),
  );

  // Nothing dropped: each handed-over conversation has its Lead, its record and all its messages.
  for (const c of handedOver) {
    const inHubspot = c.phoneNumberId === HUBSPOT_NUMBER.phoneNumberId;
    const missing: string[] = [];
    if (inHubspot) {
      if (!hsContacts.has(c.conversationId)) missing.push('contact');
      if (!hsLeads.has(`lead:${c.conversationId}`)) missing.push('lead');
      for (const wamid of c.wamids) if (!hsLines.has(`comm:${wamid}`)) missing.push(`line ${wamid}`);
    } else {
      if (!sfLeads.has(`wa_${urlSafeKey(c.from)}`)) missing.push('Lead');
      if (!sfConversations.has(urlSafeKey(c.conversationId))) missing.push('conversation record');
      for (const wamid of c.wamids) if (!sfLines.has(wamid)) missing.push(`line ${wamid}`);
    }
    if (missing.length > 0)
      problems.push(
        `${c.conversationId}: missing in ${inHubspot ? 'HubSpot' : 'Salesforce'}: ${missing.join(', ')}`,
      );
  }

  const records =
    ['Lead', 'Contact', 'WhatsApp_Conversation__c', 'Task', 'WhatsApp_Message__c'].reduce(
      (sum, type) => sum + sf.records(type).length,
      0,
    ) +
    hs.contacts().length +
    hs.leads().length +
    hs.deals().length +
    hs.tasks().length +
    hs.communications().length;
  return { records, duplicates, problems };
}

/** How long customers waited for each answer (from the 200 of their message to the reply), in ms. */
export function replyLatency(
  customers: readonly Customer[],
  sender: MetaSender,
  replies: Replies,
): { p50: number; p90: number; max: number } {
  const waits: number[] = [];
  for (const c of customers) {
    const answers = replies.to(c.phoneNumberId, c.from);
    c.wamids.forEach((wamid, k) => {
      const acknowledgedAt = sender.deliveries.get(wamid)?.acknowledgedAt;
      const answer = answers[k];
      if (acknowledgedAt !== undefined && answer !== undefined) waits.push(answer.at - acknowledgedAt);
    });
  }
  waits.sort((a, b) => a - b);
  const at = (q: number) => waits[Math.min(waits.length - 1, Math.floor(waits.length * q))] ?? 0;
  return { p50: at(0.5), p90: at(0.9), max: waits.at(-1) ?? 0 };
}

/** Failed delivery attempts by what the sender got: `refused` (no HTTP answer) or the status. */
export function failedAttempts(sender: MetaSender): string {
  const counts = new Map<string, number>();
  for (const answer of sender.answers()) {
    if (answer.status === 200) continue;
    const key = answer.status === 0 ? 'refused' : String(answer.status);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key}:${n}`).join(',') || 'none';
}
