// @leadwire/connector-core/model: WhatsApp webhook bodies to events, without the runtime behind them.
export * from './errors.ts';
export * from './inbound-event.ts';
export * from './normalize.ts';
export * from './normalized-line.ts';
