#!/usr/bin/env node
// The `yingji` command: runs the TypeScript CLI through tsx (no build step for the server).
import { register } from 'tsx/esm/api';
register();
await import('../server/src/cli.ts');
