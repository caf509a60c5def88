#!/usr/bin/env node
// Entry point of the `leadwire` command; Node 24 runs the TypeScript sources directly. Node keeps the compiled,
// type-stripped modules between runs (its compile cache), so a command starts without loading the TypeScript
// stripper once it ran before.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('../src/cli/main.ts');
