// Store: durable state shared by the gateway and the workers. Adapters: SQLite (embedded) and Redis
// (scale-out); both pass `defineStoreContract`.
import type { Conversation, Turn } from '../model/conversation.ts';
import type { ConversationEvent, InboundEvent, StatusEvent, StatusValue } from '../model/inbound-event.ts';

/** One normalized event of a delivery, ready to persist. */
export interface IngestEvent {
  event: InboundEvent;
  /** idempotency key: `m:<phoneNumberId>:<wamid>` for messages and echoes, `s:<wamid>:<status>` for statuses */
  dedupKey: string;
  tenantId: string;
  /** messages and echoes: the conversation key the event names (before aliases are resolved) */
  conversationKey?: string;
  /** system re-key: from now on this key also names the conversation (`conversationKey` → canonical) */
  aliasKey?: string;
  /**
   * Other keys of the same person this event reveals (a BSUID and a wa_id side by side): they name one
   * conversation. The oldest conversation any of them already names is the one; a key naming none is linked
   * to it; another conversation of the person (a link learned late) is merged into it: its key is linked and
   * its pending events move over.
   */
  linkKeys?: string[];
}

export interface Delivery {
  /** the sha256 of the raw body, hex: names the body in logs and audit (kept once, however often Meta retries) */
  id: string;
  rawBody: Buffer;
  receivedAt: number;
  events: IngestEvent[];
  /**
   * Step results that ride with the delivery, written set-if-absent (as `putStepResult`) in the same atomic
   * write as its events: what status webhooks report about Leadwire's own sends. Written at no extra commit,
   * so a busy number's statuses cost the ingester no more than its messages.
   */
  stepResults?: ReadonlyArray<{ key: string; value: unknown }>;
}

export interface IngestResult {
  /** events newly stored (not seen before) */
  stored: number;
  /** events already stored by an earlier delivery */
  duplicates: number;
  /** positions in `delivery.events` of the events newly stored (what metrics count) */
  storedIndexes: number[];
  /** canonical ids of conversations that received new inbox events (schedule a turn for each) */
  conversations: string[];
}

/** A conversation event waiting in (or claimed from) the inbox. */
export interface StoredEvent {
  /** arrival order, unique and increasing across the store */
  seq: number;
  conversationId: string;
  tenantId: string;
  event: ConversationEvent;
}

/** The most events `Store.conversationEvents` returns (Redis keeps this many per conversation for it). */
export const CONVERSATION_EVENTS_CAP = 1000;

/** `limit` for `conversationEvents`, clamped to 1..CONVERSATION_EVENTS_CAP. */
export function conversationEventsLimit(limit: number): number {
  return Math.max(1, Math.min(CONVERSATION_EVENTS_CAP, Math.floor(Number.isFinite(limit) ? limit : 1)));
}

export interface Lease {
  conversationId: string;
  /** fencing token: strictly increasing per conversation; a newer lease makes older tokens stale */
  fence: number;
  expiresAt: number;
}

export interface StatusRecord {
  wamid: string;
  status: StatusValue;
  /** every status seen, in arrival order, including late ones that did not move the state */
  history: StatusValue[];
  event: StatusEvent;
}

export interface CommitTurn {
  conversation: Conversation;
  /** the turnSeq the stored conversation must still have (0 for a new conversation) */
  expectedSeq: number;
  fence: number;
  turn: Turn;
}

export interface Store {
  /**
   * Persist a delivery atomically: raw body, every new event, status progress, aliases, inbox entries.
   * Idempotent on each event's dedupKey. Throws (and writes nothing) when it cannot persist.
   */
  ingest(delivery: Delivery): Promise<IngestResult>;

  /**
   * The conversation's inbox (events not yet committed by a turn), ordered by WhatsApp timestamp then arrival;
   * with `limit`, only the first `limit` of them.
   */
  pendingEvents(conversationId: string, options?: { limit?: number }): Promise<StoredEvent[]>;
  /**
   * The latest `limit` events of the conversation (messages and echoes, committed and pending), oldest first
   * (WhatsApp timestamp, then arrival): the transcript the CRM card shows. Adapters may keep only the latest
   * {@link CONVERSATION_EVENTS_CAP} per conversation for this read; `limit` is clamped to 1..that cap.
   */
  conversationEvents(conversationId: string, options: { limit: number }): Promise<StoredEvent[]>;
  getConversation(conversationId: string): Promise<Conversation | undefined>;
  /** The canonical conversation id a key resolves to through aliases (the key itself when none). */
  resolveConversationId(conversationKey: string): Promise<string>;
  getStatus(wamid: string): Promise<StatusRecord | undefined>;

  /** Exclusive lease on a conversation, or undefined while someone else holds an unexpired one. */
  acquireLease(conversationId: string, ttlMs: number): Promise<Lease | undefined>;
  /** Extend a lease still held; false when it expired or a newer fence exists. */
  renewLease(lease: Lease, ttlMs: number): Promise<boolean>;
  releaseLease(lease: Lease): Promise<void>;

  /**
   * Record the claim of turn `turn.seq`, or return the claim already recorded for that seq (a retried
   * turn keeps the events it claimed first). Throws CONFLICT when `turn.fence` is stale.
   */
  claimTurn(turn: Turn): Promise<Turn>;
  getTurn(conversationId: string, seq: number): Promise<Turn | undefined>;

  /** Step results keyed by `<conversationId>:<turnSeq>:<step>`; put is set-if-absent and returns what is stored. */
  getStepResult(key: string): Promise<unknown | undefined>;
  putStepResult(key: string, value: unknown): Promise<unknown>;
  /**
   * `putStepResult` of a value the caller already serialized (`stepResultJson`): returns the JSON stored. The
   * turn processor compares it with the previous step's, and parses only a conversation a step changed.
   */
  putStepResultJson(key: string, json: string): Promise<string>;

  /**
   * Commit a turn: compare-and-set the conversation on `expectedSeq` with a current fence, and remove the
   * turn's events from the inbox, atomically. False (nothing written) when the seq moved or the fence is stale.
   */
  commitTurn(commit: CommitTurn): Promise<boolean>;

  /**
   * Deletes what retention no longer keeps: raw deliveries received, step results and turns written before
   * the cutoffs (epoch ms). Adapters whose keys expire by themselves (Redis TTLs) delete nothing here.
   */
  prune(before: RetentionCutoffs): Promise<PruneResult>;
  /** The store's size on disk or in memory, in bytes (a metric: a busy tenant must not fill the disk unseen). */
  sizeBytes(): Promise<number>;
  /** Reachable and writable (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Epoch ms before which each kind of record is pruned. */
export interface RetentionCutoffs {
  deliveries: number;
  stepResults: number;
  turns: number;
}

/** How many records a prune deleted. */
export interface PruneResult {
  deliveries: number;
  stepResults: number;
  turns: number;
}
