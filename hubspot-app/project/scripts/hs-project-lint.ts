// `hs project lint`, HubSpot's CLI itself (@hubspot/cli from npm, a dev dependency), offline and with no
// account: it lints each UI-extension folder with the folder's committed eslint.config.js. Before linting, the
// CLI checks that the folder's package.json lists its lint packages and that each sits in the folder's own
// node_modules (it looks for the directory, not for what Node would resolve). npm installed them once, hoisted,
// so each folder gets links to them, and the CLI runs with --install-missing-deps=false (else it would install
// them from the registry). The TypeScript 5 hook reaches the ESLint the CLI starts through NODE_OPTIONS.
// Exits with the CLI's status: 0 when every folder lints with no error.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REQUIRED_PACKAGES_AND_MIN_VERSIONS } from '@hubspot/cli/lib/projects/uieLinting.js';

const projectDir = join(import.meta.dirname, '..');
const appDir = join(projectDir, 'src', 'app');

/** Where Node finds `name` from `dir`: the first node_modules above it that holds the package. */
function installed(dir: string, name: string): string {
  for (let at = dirname(dir); ; at = dirname(at)) {
    const candidate = join(at, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(at) === at) throw new Error(`${name} is not installed (npm ci): hs project lint needs it`);
  }
}

function link(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  rmSync(path, { force: true, recursive: true });
  symlinkSync(target, path);
}

const components = readdirSync(appDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(appDir, entry.name, 'package.json')))
  .map((entry) => join(appDir, entry.name));
for (const dir of components) {
  for (const name of Object.keys(REQUIRED_PACKAGES_AND_MIN_VERSIONS))
    link(installed(dir, name), join(dir, 'node_modules', name));
  // The CLI runs `npx eslint`, which takes the folder's own bin (else it would fetch ESLint from the registry).
  link(join(installed(dir, 'eslint'), 'bin', 'eslint.js'), join(dir, 'node_modules', '.bin', 'eslint'));
}

const home = mkdtempSync(join(tmpdir(), 'leadwire-hs-lint-'));
// The CLI hands ESLint an environment without npm_config_* variables, so npx reads this: never the registry.
writeFileSync(join(home, '.npmrc'), 'offline=true\nupdate-notifier=false\nfund=false\naudit=false\n');
try {
  const result = spawnSync(
    process.execPath,
    [
      join(installed(projectDir, join('@hubspot', 'cli')), 'bin', 'hs.js'),
      'project',
      'lint',
      '--install-missing-deps=false',
    ],
    {
      cwd: projectDir,
      stdio: 'inherit',
      env: {
        ...process.env,
        // the CLI takes npm's INIT_CWD over its own cwd as the place to look for hsproject.json
        INIT_CWD: projectDir,
        // its config and logs stay out of the user's home; ESLint runs on this Node, with TypeScript 5
        HOME: home,
        PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
        NODE_OPTIONS: [
          process.env.NODE_OPTIONS,
          `--import=${pathToFileURL(join(import.meta.dirname, 'typescript5.ts')).href}`,
        ]
          .filter(Boolean)
          .join(' '),
      },
    },
  );
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(home, { recursive: true, force: true });
}
