#!/usr/bin/env node
// The `tinykube` command: runs cli/tinykube.ts through tsx's ESM loader, so no build step is
// needed. Paths are resolved from this file, so `npx tinykube` works from any directory.
import { register } from 'tsx/esm/api';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
register({ tsconfig: join(root, 'tsconfig.json') });
await import(pathToFileURL(join(root, 'cli', 'tinykube.ts')).href);
