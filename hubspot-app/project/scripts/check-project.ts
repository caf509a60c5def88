// `hs project upload`'s parse, offline and from npm packages only: @hubspot/project-parsing-lib turns src/ into
// the intermediate representation the upload sends; parse errors, bad uids, components outside their folder or
// duplicated singular components fail here. HubSpot fetches the component JSON schemas from an account, so the
// fields we rely on are checked against the published 2026.03 component reference instead (componentRules
// below). The lint HubSpot runs is `hs project lint` itself (scripts/hs-project-lint.ts).
// Prints one line per finding and a summary; exits 1 on any error.
import { join } from 'node:path';
import './typescript5.ts';

const projectDir = join(import.meta.dirname, '..');
const srcDir = join(projectDir, 'src');

const { translate } = await import('@hubspot/project-parsing-lib/translate');
const { validateUid } = await import('@hubspot/project-parsing-lib/uid');
const { isKnownPlatformVersion } = await import('@hubspot/project-parsing-lib/projects');
const { readFileSync } = await import('node:fs');

let errors = 0;
let warnings = 0;
const report = (kind: 'error' | 'warning', where: string, message: string) => {
  if (kind === 'error') errors++;
  else warnings++;
  process.stdout.write(`${kind.padEnd(7)} ${where}: ${message}\n`);
};

// ---- parse the project as the CLI does -----------------------------------------------------------------
const hsproject = JSON.parse(readFileSync(join(projectDir, 'hsproject.json'), 'utf8')) as {
  srcDir: string;
  platformVersion: string;
};
if (!isKnownPlatformVersion(hsproject.platformVersion))
  report('error', 'hsproject.json', `unknown platformVersion ${hsproject.platformVersion}`);
const { intermediateRepresentation, skippedHsMetaFiles } = await translate(
  { projectSourceDir: join(projectDir, hsproject.srcDir), platformVersion: hsproject.platformVersion },
  { skipValidation: true },
);
for (const file of skippedHsMetaFiles)
  report('error', file, 'skipped by the parser (not a valid hsmeta file)');

/** What the 2026.03 component reference requires of the fields this project uses. */
const componentRules: Record<
  string,
  { dir: string; singular: boolean; check: (config: Record<string, unknown>) => string[] }
> = {
  APPLICATION: {
    dir: 'app',
    singular: true,
    check: (c) => {
      const auth = (c.auth ?? {}) as Record<string, unknown>;
      const out: string[] = [];
      if (typeof c.name !== 'string' || c.name === '') out.push('config.name is required');
      if (!['marketplace', 'private'].includes(String(c.distribution))) out.push('config.distribution');
      if (c.distribution === 'marketplace' && auth.type !== 'oauth')
        out.push('a marketplace app must use auth.type "oauth"');
      const required = Array.isArray(auth.requiredScopes) ? auth.requiredScopes : [];
      const optional = Array.isArray(auth.optionalScopes) ? auth.optionalScopes : [];
      if (!required.includes('oauth')) out.push('auth.requiredScopes must include "oauth"');
      for (const s of optional)
        if (required.includes(s)) out.push(`scope ${String(s)} is both required and optional`);
      const urls = (c.permittedUrls ?? {}) as Record<string, unknown>;
      for (const url of Array.isArray(urls.fetch) ? urls.fetch : [])
        if (!/^https:\/\/(?!localhost)/.test(String(url)))
          out.push(`permittedUrls.fetch ${String(url)} must be https and not localhost`);
      return out;
    },
  },
  CARD: {
    dir: 'app/cards',
    singular: false,
    check: (c) => {
      const out: string[] = [];
      if (typeof c.name !== 'string' || c.name === '') out.push('config.name is required');
      if (
        !['crm.record.tab', 'crm.record.sidebar', 'crm.preview', 'helpdesk.sidebar'].includes(
          String(c.location),
        )
      )
        out.push(`config.location ${String(c.location)} is not a card location`);
      if (typeof c.entrypoint !== 'string' || !c.entrypoint.startsWith('/app/cards/'))
        out.push('config.entrypoint must be a file under /app/cards/');
      if (!Array.isArray(c.objectTypes) || c.objectTypes.length === 0)
        out.push('config.objectTypes is required');
      return out;
    },
  },
  SETTINGS: {
    dir: 'app/settings',
    singular: true,
    check: (c) => {
      const out: string[] = [];
      if (typeof c.name !== 'string' || c.name === '') out.push('config.name is required');
      if (typeof c.entrypoint !== 'string' || !c.entrypoint.startsWith('/app/settings/'))
        out.push('config.entrypoint must be a file under /app/settings/');
      return out;
    },
  },
};
const seen = new Map<string, number>();
for (const node of Object.values(intermediateRepresentation.intermediateNodesIndexedByUid)) {
  const where = `src/${node.metaFilePath}`;
  const uidProblem = validateUid(node.uid);
  if (uidProblem) report('error', where, uidProblem);
  const rules = componentRules[node.componentType];
  if (rules === undefined) {
    report('error', where, `component type ${node.componentType} is not used by this project's checks`);
    continue;
  }
  seen.set(node.componentType, (seen.get(node.componentType) ?? 0) + 1);
  const dir = node.metaFilePath.split('/').slice(0, -1).join('/');
  if (dir !== rules.dir)
    report('error', where, `a ${node.componentType} component must be in src/${rules.dir}`);
  for (const problem of rules.check(node.config as Record<string, unknown>)) report('error', where, problem);
  const entrypoint = (node.config as { entrypoint?: unknown }).entrypoint;
  if (typeof entrypoint === 'string') {
    try {
      readFileSync(join(srcDir, entrypoint));
    } catch {
      report('error', where, `entrypoint ${entrypoint} does not exist`);
    }
  }
}
for (const [type, count] of seen)
  if (componentRules[type]?.singular && count > 1)
    report('error', type, `only one ${type} component is allowed`);
if (!seen.has('APPLICATION')) report('error', 'src/app', 'the project has no app component');

const parsed = Object.keys(intermediateRepresentation.intermediateNodesIndexedByUid).length;
process.stdout.write(
  `hubspot project: parse of ${parsed} components: ${errors} error(s), ${warnings} warning(s)\n`,
);
process.exitCode = errors > 0 ? 1 : 0;
