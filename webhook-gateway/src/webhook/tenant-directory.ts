// Which tenant owns a business number, and which app secrets may sign its webhooks: built once from the
// config with its `env:` secrets resolved.
import { type Config, resolveSecret } from '@leadwire/connector-core';
import type { AppSecret } from './signature.ts';

export interface TenantDirectory {
  verifyToken: string;
  apps: AppSecret[];
  /** phone_number_id → tenant and the app that signs its webhooks */
  byPhoneNumberId: ReadonlyMap<string, { tenantId: string; appId: string }>;
}

export function tenantDirectory(config: Config, env: NodeJS.ProcessEnv = process.env): TenantDirectory {
  const byPhoneNumberId = new Map<string, { tenantId: string; appId: string }>();
  for (const tenant of config.tenants) {
    for (const id of tenant.whatsapp.phoneNumberIds) {
      byPhoneNumberId.set(id, { tenantId: tenant.id, appId: tenant.whatsapp.app });
    }
  }
  return {
    verifyToken: resolveSecret(config.whatsapp.verifyToken, env),
    apps: config.whatsapp.apps.map((app) => ({ appId: app.id, secret: resolveSecret(app.appSecret, env) })),
    byPhoneNumberId,
  };
}
