// The delivery log: where the gateway puts a verified webhook delivery before it answers 200. It is the one
// write on the acknowledgement path (DESIGN §4.1, as amended in the README): normalizing the delivery,
// storing its events and scheduling turns happen after, in the ingester, which reads the log in order and
// removes an entry only once its events are stored and its turns scheduled. A crash between the two loses
// nothing: the entry is read again, and ingesting a delivery twice stores nothing twice.

/** A delivery as the gateway received it: the raw bytes Meta signed and which apps' secrets verified them. */
export interface DeliveryReceipt {
  rawBody: Buffer;
  /** epoch ms when the gateway received it */
  receivedAt: number;
  /** the ids of the Meta apps whose secret verified the signature (a tenant's events need its own app) */
  signedBy: readonly string[];
  /** the gateway's request id, so the ingester's log lines join the request's */
  requestId: string;
}

export interface LoggedDelivery extends DeliveryReceipt {
  /** the entry's place in the log: opaque, unique, and increasing in append order */
  position: string;
}

/** A delivery the ingester could not store after several tries, set aside so the log moves on. */
export interface DeadDelivery extends DeliveryReceipt {
  /** the dead-letter entry's id (`leadwire dlq replay --delivery <id>`) */
  id: string;
  /** why the last try failed */
  reason: string;
  /** epoch ms when it was set aside */
  failedAt: number;
}

export interface DeliveryLog {
  /** Resolves once the receipt is durable (a SQLite commit, a Redis write); rejects if it may not be. */
  append(receipt: DeliveryReceipt): Promise<void>;
  /**
   * Up to `limit` entries not yet consumed, oldest first. An entry read and not consumed is read again: by
   * this reader on its next call, by another after `claimAfterMs` (scale-out). Readers may overlap, which is
   * why ingesting is idempotent.
   */
  read(limit: number): Promise<LoggedDelivery[]>;
  /** Removes entries whose events are stored and whose turns are scheduled. */
  consume(positions: readonly string[]): Promise<void>;
  /** How many appended entries are not consumed yet. */
  backlog(): Promise<number>;
  /** When the oldest entry not consumed yet was received (epoch ms), or undefined when the log is empty. */
  oldestReceivedAt(): Promise<number | undefined>;
  /**
   * Moves an entry the ingester cannot store to the dead-letter list, raw bytes and all, and removes it from
   * the log in the same write: one poison delivery never holds up the ones behind it.
   */
  deadLetter(entry: LoggedDelivery, reason: string, failedAt: number): Promise<void>;
  /** How many deliveries are in the dead-letter list. */
  deadLetterCount(): Promise<number>;
  /** The dead-lettered deliveries, oldest first. */
  deadLetters(limit?: number): Promise<DeadDelivery[]>;
  /** Appends a dead-lettered delivery to the log again and removes it from the list; false when unknown. */
  replayDeadLetter(id: string): Promise<boolean>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
