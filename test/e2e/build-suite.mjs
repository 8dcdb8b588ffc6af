// Bundle the VS Code e2e suite (test/e2e/vscode/*.ts) to out/e2e/*.js for extensionTestsPath.
// `vscode` is provided by the extension host; `mocha` stays external and resolves from node_modules
// (bundling it breaks its dynamic requires). One output per entry: index.js loads *.test.js.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const src = path.join(root, 'test/e2e/vscode');
const outdir = path.join(root, 'out/e2e');
rmSync(outdir, { recursive: true, force: true }); // no stale *.test.js from renamed files
await build({
  entryPoints: readdirSync(src).filter(f => f.endsWith('.ts')).map(f => path.join(src, f)),
  outdir, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline',
  external: ['vscode', 'mocha'], logLevel: 'warning',
});
