// Each component folder's copy of a shared file must be its source, byte for byte but the header and imports.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vendored, vendorPath, vendorText } from '../scripts/vendor-schema.ts';

describe('files copied into the component folders', () => {
  for (const { from, to } of vendored) {
    it(`${to} matches ${from} (run npm run vendor -w @leadwire/hubspot-project after changing it)`, () => {
      expect(readFileSync(vendorPath(to), 'utf8')).toBe(vendorText(from));
    });
  }
});
