// @leadwire/connector-core: the domain, the ports, the turn runtime, and the store and queue adapters.
export * from './config/config-schema.ts';
export * from './config/load-config.ts';
export * from './conversation/record-turn.ts';
export * from './model/conversation.ts';
export * from './model/errors.ts';
export * from './model/inbound-event.ts';
export * from './ports/index.ts';
export * from './queue/retry-policy.ts';
export * from './runtime/turn-processor.ts';
