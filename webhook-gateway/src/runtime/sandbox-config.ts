// The configuration `leadwire start` uses when no config file is given: one sandbox tenant on Meta's
// documentation number, with well-known non-secret credentials for trying Leadwire on a laptop.
import { type Config, configSchema } from '@leadwire/connector-core';

export const sandboxEnv = {
  LEADWIRE_SANDBOX_APP_SECRET: 'sandbox-app-secret',
  LEADWIRE_SANDBOX_VERIFY_TOKEN: 'sandbox-verify-token',
} as const;

export function sandboxConfig(): Config {
  return configSchema.parse({
    whatsapp: {
      verifyToken: 'env:LEADWIRE_SANDBOX_VERIFY_TOKEN',
      apps: [{ id: 'sandbox', appSecret: 'env:LEADWIRE_SANDBOX_APP_SECRET' }],
    },
    storage: { sqlitePath: './data/sandbox.db' },
    tenants: [
      { id: 'sandbox', name: 'Sandbox', whatsapp: { app: 'sandbox', phoneNumberIds: ['106540352242922'] } },
    ],
  });
}
