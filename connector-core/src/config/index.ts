// @leadwire/connector-core/config: reading and checking the config file, without the runtime behind it.
export * from './config-schema.ts';
export * from './load-config.ts';
