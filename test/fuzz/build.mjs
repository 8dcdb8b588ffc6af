// Bundles the engine (server/src/engine/project.ts and friends, with `yaml` and dockerfile-ast) into
// out/fuzz/engine.cjs for the fuzzer. Synchronous and fast (~0.3 s), so the test can build it first.
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'url';
import { dirname, join } from 'path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLE = join(ROOT, 'out', 'fuzz', 'engine.cjs');

export function buildEngineBundle() {
  buildSync({
    entryPoints: [join(ROOT, 'test', 'fuzz', 'engine-entry.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(buildEngineBundle());
