#!/usr/bin/env node
// Entry point of the `leadwire` command; Node 24 runs the TypeScript sources directly.
import '../src/cli/main.ts';
