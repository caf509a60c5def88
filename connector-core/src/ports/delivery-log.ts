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
  ping(): Promise<void>;
  close(): Promise<void>;
}
