#!/usr/bin/env node
// The `aftersight` command. Sources are TypeScript run through tsx, so there is no build step to forget.
import './thread-pool.js';
import { register } from 'tsx/esm/api';
register();
await import('./cli.ts');
