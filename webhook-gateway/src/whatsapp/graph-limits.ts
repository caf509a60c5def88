// The message limits GraphMessenger checks before any HTTP call: the product's statement of Meta's limits,
// shared with the reply fitter in connector-core. The Graph emulator does not read them; it has its own
// (graph-emulator-rules.ts).
export { charCount, whatsappLimits as graphLimits } from '@leadwire/connector-core';
