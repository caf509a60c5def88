// typescript-eslint needs TypeScript's JavaScript API (5.x); the repository's compiler is the native 7.x, which
// the hoisted lint packages would otherwise load. Imported for its effect (or `node --import`): from then on
// `typescript` means the HubSpot project's 5.x.
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const typescript5 = pathToFileURL(
  join(import.meta.dirname, '..', '..', 'node_modules', 'typescript', 'lib', 'typescript.js'),
).href;
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'typescript') return { url: typescript5, format: 'commonjs', shortCircuit: true };
    return next(specifier, context);
  },
});
