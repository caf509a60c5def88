// @leadwire/connector-core/testing: contract suites and test helpers shared by every package's tests.

export * from './assignments-contract.ts';
export * from './delivery-log-contract.ts';
export * from './example-intake.ts';
export * from './queue-contract.ts';
export * from './recording-handler.ts';
export * from './redis.ts';
export * from './store-contract.ts';
