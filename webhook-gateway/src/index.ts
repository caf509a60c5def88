// @leadwire/webhook-gateway: the HTTP edge and the composition root.
export { createGatewayApp, createGatewayListener, type GatewayDeps } from './app.ts';
export { createLogger, type Logger } from './observability/logger.ts';
export { createMetrics, type Metrics } from './observability/metrics.ts';
export { openRuntime, type Runtime, redisUrlOf, startWorker } from './runtime/compose.ts';
export { type RunningSandbox, runSandbox } from './sandbox/sandbox.ts';
export { type Running, type RunOptions, run } from './server.ts';
export { type Ingester, type IngestOptions, startIngester } from './webhook/ingest-deliveries.ts';
export { signBody, verifySignature } from './webhook/signature.ts';
export { tenantDirectory } from './webhook/tenant-directory.ts';
export {
  type EmulatedRead,
  type EmulatedSend,
  type GraphEmulator,
  type GraphEmulatorOptions,
  type MediaOptions,
  startGraphEmulator,
  webhookEnvelope,
} from './whatsapp/graph-emulator.ts';
export { type GraphErrorHeaders, parseGraphError } from './whatsapp/graph-error.ts';
export { charCount, graphLimits } from './whatsapp/graph-limits.ts';
export {
  buildMessageBody,
  GraphMessenger,
  type GraphMessengerOptions,
  type SentLog,
  storeSentLog,
} from './whatsapp/graph-messenger.ts';
