// Bundles the TypeScript node:test suites (unit, fixtures, docs, CLI, LSP protocol) into out/test/.
import { build } from 'esbuild';
import { readdirSync } from 'fs';
import { join } from 'path';

const dirs = ['test/unit', 'test/lsp'];
const entryPoints = dirs.flatMap(d => readdirSync(d).filter(f => f.endsWith('.test.ts')).map(f => join(d, f)));
await build({
  entryPoints,
  outdir: 'out/test',
  outbase: 'test',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
