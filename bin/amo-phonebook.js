#!/usr/bin/env node
// The CLI runs from the TypeScript sources through tsx, so the command always matches
// the checkout it lives in, with no build step between an edit and a run.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli/main.ts');
