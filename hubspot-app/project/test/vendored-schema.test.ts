// The settings page's copy of the routing schema must be connector-core's, byte for byte but the imports.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vendored, vendorPath, vendorText } from '../scripts/vendor-schema.ts';

describe('vendored routing schema', () => {
  for (const { from, to } of vendored) {
    it(`${to} matches ${from} (run npm run vendor -w @leadwire/hubspot-project after changing it)`, () => {
      expect(readFileSync(vendorPath(to), 'utf8')).toBe(vendorText(from));
    });
  }
});
