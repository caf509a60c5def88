// @leadwire/connector-core: the domain, the ports, the turn runtime, and the store and queue adapters.
export * from './config/config-schema.ts';
export * from './config/load-config.ts';
export * from './conversation/identity.ts';
export * from './conversation/record-turn.ts';
export * from './model/conversation.ts';
export * from './model/errors.ts';
export * from './model/inbound-event.ts';
export * from './model/normalize.ts';
export * from './model/normalized-line.ts';
export * from './model/webhook-envelope.ts';
export * from './ports/index.ts';
export { BullmqQueue, type BullmqQueueOptions } from './queue/bullmq-queue.ts';
export { EmbeddedQueue, type EmbeddedQueueOptions, openEmbeddedQueue } from './queue/embedded-queue.ts';
export * from './queue/retry-policy.ts';
export * from './runtime/turn-processor.ts';
export { RedisStore, type RedisStoreOptions } from './store/redis-store.ts';
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from './store/sqlite-store.ts';
