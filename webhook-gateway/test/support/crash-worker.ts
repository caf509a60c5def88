// A worker process for the crash test: runs turns with the recording handler until it is killed.
// usage: node crash-worker.ts <config.json> <witness.db> <pauseMs>
import { readFileSync } from 'node:fs';
import { configSchema } from '@leadwire/connector-core';
import { recordingHandler, testRedisUrl } from '@leadwire/connector-core/testing';
import { createLogger } from '../../src/observability/logger.ts';
import { run } from '../../src/server.ts';
import { harnessEnv } from './harness.ts';

const [configPath, witness, pauseMs] = process.argv.slice(2);
const config = configSchema.parse(JSON.parse(readFileSync(configPath!, 'utf8')));
await run({
  config,
  env: { ...harnessEnv, TEST_REDIS_URL: testRedisUrl },
  gateway: false,
  worker: true,
  handler: recordingHandler({ path: witness!, pauseMs: Number(pauseMs) }),
  logger: createLogger({ level: 'silent' }),
});
process.stdout.write('ready\n');
