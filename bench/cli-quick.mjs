#!/usr/bin/env node
// The two CLI rows of bench/run.mjs, alone (about a minute instead of the whole benchmark):
//   - `shipshape lint <compose(50, 1)> --format json` as a whole process (target ≤ 200 ms), next to `node -e ''`;
//   - `shipshape lint <dir> --format json` over the 1,000 typical files: files per CPU second of the child,
//     user + sys from /proc/self/stat cutime/cstime, process start included (target ≥ 500).
// Measured as run.mjs measures them, on the CLI bundle built as run.mjs builds it (minified, like
// `scripts/build.mjs --production`), into out/bench-cli/ so that it does not touch dist/ or out/bench/.
//
//   node bench/cli-quick.mjs [--runs 15] [--dir-runs 5] [--cli <bundle>]
//
// --cli measures another bundle instead (say, one built from a checkout of an earlier commit) without
// building. Medians; the machine's load average is printed, since others' work skews every number.
import { mkdirSync, writeFileSync, readFileSync, rmSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { join, dirname, resolve } from 'path';
import { fileURLToPath } from 'url';
import { build } from 'esbuild';
import { compose, typicalFile } from './generate.mjs';
import { runProcess } from './proc.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const RUNS = Number(arg('--runs', 15));
const DIR_RUNS = Number(arg('--dir-runs', 5));
const DIR_FILES = 1000;

let cli = arg('--cli') && resolve(arg('--cli'));
if (cli && !existsSync(cli)) throw new Error(`no bundle at ${cli}`);
if (!cli) {
  cli = join(ROOT, 'out', 'bench-cli', 'cli.js');
  await build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, sourcemap: false, logLevel: 'warning', mainFields: ['module', 'main'], absWorkingDir: ROOT, entryPoints: ['server/src/cli/main.ts'], outfile: cli });
}

const work = join(tmpdir(), `shipshape-cli-quick-${process.pid}`);
mkdirSync(join(work, 'compose-50'), { recursive: true });
writeFileSync(join(work, 'compose-50', 'compose.yaml'), compose(50));
for (let i = 0; i < DIR_FILES; i++) { const f = typicalFile(i); mkdirSync(join(work, 'typical', dirname(f.name)), { recursive: true }); writeFileSync(join(work, 'typical', f.name), f.text); }

const median = xs => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

try {
  console.log(`cli ${cli}\nload before ${load()}`);
  const file = join(work, 'compose-50', 'compose.yaml');
  const bare = [], ours = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(runProcess(process.execPath, ['-e', ''], dirname(file)).ms);
    ours.push(runProcess(process.execPath, [cli, 'lint', file, '--format', 'json'], dirname(file)).ms);
  }
  console.log(`lint compose file (whole process), 50 services: median ${median(ours).toFixed(0)} ms (min ${Math.min(...ours).toFixed(0)}, n ${RUNS}; target ≤ 200); node -e '' median ${median(bare).toFixed(0)} ms`);
  const dir = join(work, 'typical');
  const walls = [], perCpu = [];
  for (let i = 0; i < DIR_RUNS; i++) {
    const r = runProcess(process.execPath, [cli, 'lint', dir, '--format', 'json'], dir);
    walls.push(DIR_FILES / (r.ms / 1000));
    perCpu.push(DIR_FILES / (r.cpuMs / 1000));
  }
  console.log(`files/s per core over ${DIR_FILES} typical files: median ${median(perCpu).toFixed(0)} (${perCpu.map(x => x.toFixed(0)).join(', ')}; target ≥ 500); wall clock median ${median(walls).toFixed(0)} files/s`);
  console.log(`load after ${load()}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
