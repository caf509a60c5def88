// Plain Node environment: @hubspot/ui-extensions/testing renders without a DOM (research/hubspot.md §12.7).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: { environment: 'node', include: ['test/**/*.test.{ts,tsx}'] },
});
