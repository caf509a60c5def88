// Loading the config file: YAML or JSON, validated with path-precise messages, then `env:NAME` secrets
// resolved from the environment (a missing variable is an error naming the config path that needs it).
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { KNOWN_INTENTS, knowledgeIntent } from '../intake/intents.ts';
import { LeadwireError } from '../model/errors.ts';
import { type Config, configSchema } from './config-schema.ts';

export interface ConfigProblem {
  /** e.g. `tenants[0].whatsapp.phoneNumberIds[1]` */
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

export function problemsOf(error: z.ZodError): ConfigProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** Parse and validate config text (YAML is a superset of JSON). */
export function parseConfig(text: string): { config?: Config; problems: ConfigProblem[] } {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    return { problems: [{ path: '(file)', message: `not valid YAML or JSON: ${(error as Error).message}` }] };
  }
  const result = configSchema.safeParse(data);
  if (!result.success) return { problems: problemsOf(result.error) };
  return { config: result.data, problems: [] };
}

/** Secrets the config references that the environment does not hold (or holds too weak to use). */
export function missingSecrets(config: Config, env: NodeJS.ProcessEnv = process.env): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string' && value.startsWith('env:')) {
      const name = value.slice(4);
      if (!env[name])
        problems.push({ path: formatPath(path), message: `environment variable ${name} is not set` });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        visit(item, [...path, i]);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(config, []);
  const admin = config.server.adminToken;
  const token = admin === undefined ? undefined : env[admin.slice(4)];
  if (token && token.length < ADMIN_TOKEN_MIN_CHARS) {
    problems.push({
      path: 'server.adminToken',
      message: `the admin token is ${token.length} characters; use at least ${ADMIN_TOKEN_MIN_CHARS} random ones (e.g. openssl rand -hex 24)`,
    });
  }
  return problems;
}

/**
 * Settings that are valid but will bite. A turn whose conversation is still leased by a worker that died
 * (a crash, a Redis restart) is retried with backoff; if every try is spent before the lease runs out, the
 * turn is dead-lettered with CONFLICT instead of running once the lease frees.
 */
export function configWarnings(config: Config): ConfigProblem[] {
  const warnings: ConfigProblem[] = [];
  const { attempts, backoffMs, maxBackoffMs, leaseMs } = config.turns;
  let retryWindowMs = 0;
  for (let attempt = 1; attempt < attempts; attempt++) {
    retryWindowMs += Math.min(backoffMs * 2 ** (attempt - 1), maxBackoffMs);
  }
  if (retryWindowMs < leaseMs) {
    warnings.push({
      path: 'turns',
      message: `${attempts} tries with backoff from ${backoffMs} ms span ${retryWindowMs} ms, shorter than leaseMs (${leaseMs} ms): a turn left leased by a dead worker is dead-lettered before its lease runs out; raise attempts or backoffMs, or lower leaseMs`,
    });
  }
  // a knowledge entry whose intent the agent never reads a question as is only reachable through the matrix
  config.tenants.forEach((tenant, t) => {
    tenant.intake?.knowledge.forEach((entry, k) => {
      if (KNOWN_INTENTS.includes(knowledgeIntent(entry.intent))) return;
      warnings.push({
        path: `tenants.${t}.intake.knowledge.${k}.intent`,
        message: `"${entry.intent}" names no intent the agent recognises (${KNOWN_INTENTS.join(', ')}), nor a price or opening-hours question: the agent never answers with this entry unless the policy matrix names it`,
      });
    });
  });
  return warnings;
}

/** The shortest admin token accepted: guessing it must be hopeless. */
export const ADMIN_TOKEN_MIN_CHARS = 24;

/** The value behind an `env:NAME` reference. */
export function resolveSecret(ref: string, env: NodeJS.ProcessEnv = process.env): string {
  const name = ref.startsWith('env:') ? ref.slice(4) : ref;
  const value = env[name];
  if (!value) throw new LeadwireError('VALIDATION', `environment variable ${name} is not set`);
  return value;
}

/** Read, validate and check the secrets of a config file; throws VALIDATION listing every problem. */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LeadwireError('VALIDATION', `cannot read config file ${path}: ${(error as Error).message}`);
  }
  const { config, problems } = parseConfig(text);
  const all = config === undefined ? problems : missingSecrets(config, env);
  if (config === undefined || all.length > 0) {
    const lines = all.map((p) => `  ${p.path}: ${p.message}`).join('\n');
    throw new LeadwireError('VALIDATION', `invalid config ${path}:\n${lines}`, {
      details: { problems: all },
    });
  }
  return config;
}
