#!/usr/bin/env node
// `npm run bench`: Shipshape against its peers on this machine, through the real interfaces.
//   LSP: Shipshape's server and dockerfile-language-server-nodejs (docker-langserver), both started as
//        `node <server> --stdio` and driven side by side in one run, alternating operation by operation,
//        over the same generated files (bench/generate.mjs).
//   CLI: `shipshape lint` against `dclint` on the compose files, as whole processes; and `shipshape lint`
//        on a directory of many typical files.
// Writes bench/results.md (machine, date, table) and prints the table. BENCH_QUICK=1: a few iterations of
// everything, to check the harness (numbers not meaningful).
import { mkdirSync, writeFileSync, rmSync, readFileSync, statSync, existsSync } from 'fs';
import { createRequire } from 'module';
import { cpus, tmpdir, availableParallelism } from 'os';
import { join, dirname } from 'path';
import { fileURLToPath } from 'url';
import { build } from 'esbuild';
import { dockerfile, compose, typicalFile, DOCKERFILE_SIZES, COMPOSE_SIZES } from './generate.mjs';
import { LspServer } from './lsp-client.mjs';
import { runProcess } from './proc.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const QUICK = process.env.BENCH_QUICK === '1';
const q = n => (QUICK ? Math.min(n, 2) : n);

// Iterations. The big sizes get fewer: the peer takes ~2 s per validation at 10,000 instructions.
const ITER = {
  cold: q(12),
  open: { 10: q(20), 100: q(20), 1000: q(12), 10000: q(4), c5: q(20), c50: q(15), c500: q(5) },
  keystroke: { 10: q(30), 100: q(30), 1000: q(20), 10000: q(6), c5: q(30), c50: q(30), c500: q(10) },
  /** untimed keystrokes first (an even number: the text is the original again after them) */
  keystrokeWarmup: { 10: q(30), 100: q(30), 1000: q(20), 10000: q(2), c5: q(30), c50: q(30), c500: q(2) },
  request: { 10: q(30), 100: q(30), 1000: q(20), 10000: q(8), c5: q(30), c50: q(30), c500: q(10) },
  cliCompose: { 5: q(9), 50: q(9), 500: q(5) },
  cliDir: q(3),
};
/** a row stops after this much time once it has MIN_ITER samples (the 500-service compose file takes seconds per lint) */
const ROW_BUDGET_MS = QUICK ? 5_000 : 20_000;
const MIN_ITER = 2;
/** a request slower than this is recorded as a lower bound and its server restarted */
const REQUEST_TIMEOUT_MS = 30_000;
const DIR_FILES = QUICK ? 100 : 1000;
const RSS_FILES = QUICK ? 10 : 100;

// ---------------------------------------------------------------------------------------------------------
// what runs

const require = createRequire(import.meta.url);
/** A peer's bin script: from the project's devDependencies, else from BENCH_PEERS_DIR (a folder with node_modules). */
function peerBin(pkg, bin) {
  const paths = [ROOT, process.env.BENCH_PEERS_DIR].filter(Boolean);
  let manifest;
  try { manifest = require.resolve(`${pkg}/package.json`, { paths }); } catch {
    throw new Error(`${pkg} is not installed: add it to devDependencies (npm install --save-dev ${pkg}) or set BENCH_PEERS_DIR`);
  }
  const json = JSON.parse(readFileSync(manifest, 'utf8'));
  const rel = typeof json.bin === 'string' ? json.bin : json.bin[bin];
  return { path: join(dirname(manifest), rel), version: json.version };
}

/** The bundles as they ship (scripts/build.mjs --production: minified, no source maps), built into out/bench/. */
async function buildShipped() {
  const outDir = join(ROOT, 'out', 'bench');
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, sourcemap: false, logLevel: 'warning', mainFields: ['module', 'main'], absWorkingDir: ROOT };
  await Promise.all([
    build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: join(outDir, 'extension.js'), external: ['vscode'] }),
    build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: join(outDir, 'server.js') }),
    build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: join(outDir, 'cli.js') }),
  ]);
  const size = f => statSync(join(outDir, f)).size;
  return { server: join(outDir, 'server.js'), cli: join(outDir, 'cli.js'), sizes: { extension: size('extension.js'), server: size('server.js'), cli: size('cli.js') } };
}

// ---------------------------------------------------------------------------------------------------------
// statistics

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = p => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { n: s.length, median: s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2, p95: at(0.95) };
}
const rows = [];

/** Runs fn(i) up to n times, stopping early once the row's time budget is spent (after MIN_ITER runs). */
async function loop(n, fn) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    if (i >= MIN_ITER && performance.now() - t0 > ROW_BUDGET_MS) break;
    await fn(i);
  }
}

function record(section, metric, size, unit, ours, peer, target, note) {
  const row = { section, metric, size, unit, ours: ours && stats(ours), peer: peer && stats(peer), target, note };
  rows.push(row);
  const f = x => (x === undefined ? '-' : fmt(x, unit));
  console.log(`  ${metric} ${size}: shipshape ${f(row.ours?.median)} (p95 ${f(row.ours?.p95)})${row.peer ? `  peer ${f(row.peer.median)} (p95 ${f(row.peer.p95)})` : ''}`);
  return row;
}
function fmt(x, unit) {
  if (unit === 'ms') return x < 10 ? `${x.toFixed(2)} ms` : x < 100 ? `${x.toFixed(1)} ms` : `${x.toFixed(0)} ms`;
  if (unit === 'MB') return `${x.toFixed(1)} MB`;
  if (unit === 'files/s') return `${x.toFixed(0)} files/s`;
  return `${x}`;
}

// ---------------------------------------------------------------------------------------------------------
// LSP

const LANG = { dockerfile: 'dockerfile', compose: 'dockercompose' };

/** The line the keystroke edits: a one-line instruction / scalar near the middle of the file. */
function editLine(text, kind) {
  const lines = text.split('\n');
  const ok = i => kind === 'compose'
    ? /^\s+(- )?LOG_LEVEL[:=]/.test(lines[i])
    : /^(RUN|ENV|WORKDIR|EXPOSE|COPY|USER|ARG)\s/.test(lines[i]) && !/\\$/.test(lines[i]) && !/\\$/.test(lines[i - 1] ?? '') && !/<</.test(lines[i]);
  const mid = lines.length >> 1;
  for (let d = 0; d < lines.length; d++) {
    if (mid + d < lines.length && ok(mid + d)) return mid + d;
    if (mid - d >= 0 && ok(mid - d)) return mid - d;
  }
  throw new Error(`no line to edit in a ${kind} of ${lines.length} lines`);
}

/** A diagnostic near the middle of the file, for hover and code actions. */
function middleDiagnostic(diagnostics) {
  const sorted = [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line);
  return sorted[sorted.length >> 1];
}

async function lspBench(servers, files) {
  console.log('\nLSP: cold start to initialize result');
  {
    const times = Object.fromEntries(servers.map(s => [s.name, []]));
    for (let i = 0; i < ITER.cold; i++) {
      for (const s of i % 2 ? [...servers].reverse() : servers) {
        const server = new LspServer(s.name, s.command);
        times[s.name].push(await server.initialize());
        await server.shutdown();
      }
    }
    record('LSP', 'cold start → initialize', '', 'ms', times.shipshape, times.peer, { max: 150 });
  }

  const live = servers.map(s => new LspServer(s.name, s.command));
  for (const s of live) await s.initialize();
  let [ours, peer] = live;

  for (const f of files) {
    const key = f.kind === 'compose' ? `c${f.size}` : f.size;
    const label = f.kind === 'compose' ? `${f.size} services` : `${f.size} instr.`;
    // the peer is a Dockerfile server: compose files are Shipshape only
    const both = f.kind === 'dockerfile' ? [ours, peer] : [ours];
    console.log(`\nLSP: ${f.kind} ${label} (${(f.text.length / 1024).toFixed(0)} KB)`);

    const open = new Map(both.map(s => [s, []]));
    await loop(ITER.open[key], async i => {
      for (const s of i % 2 ? [...both].reverse() : both) {
        const uri = `file:///bench/open-${key}-${i}/${f.kind === 'compose' ? 'compose.yaml' : 'Dockerfile'}`;
        open.get(s).push((await s.open(uri, f.text, LANG[f.kind])).ms);
        await s.close(uri);
      }
    });
    record('LSP', 'open → diagnostics', label, 'ms', open.get(ours), open.get(peer), f.kind === 'dockerfile' ? { ratioMax: 0.2 } : undefined);

    // one long-lived document per server for keystrokes, hover and code actions
    const uri = `file:///bench/live-${key}/${f.kind === 'compose' ? 'compose.yaml' : 'Dockerfile'}`;
    const first = new Map();
    for (const s of both) first.set(s, (await s.open(uri, f.text, LANG[f.kind])).diagnostics);
    const line = editLine(f.text, f.kind);
    const original = f.text.split('\n')[line];
    const keys = new Map(both.map(s => [s, []]));
    // warm-up, untimed, the same for both servers: a typing session is hundreds of keystrokes, so the
    // measured ones are those of a server whose code paths the JIT has already compiled
    for (let i = 0; i < ITER.keystrokeWarmup[key]; i++) {
      for (const s of both) await s.replaceLine(uri, line, i % 2 ? original : original + 'x');
    }
    await loop(ITER.keystroke[key], async i => {
      for (const s of i % 2 ? [...both].reverse() : both) {
        // type a character, then delete it: the file alternates between two versions
        keys.get(s).push((await s.replaceLine(uri, line, i % 2 ? original : original + 'x')).ms);
      }
    });
    const keyTarget = { 100: 2, 1000: 10, 10000: 60, c50: 5 }[key];
    record('LSP', 'keystroke → diagnostics', label, 'ms', keys.get(ours), keys.get(peer), keyTarget ? { max: keyTarget } : undefined);
    // leave both on the original text
    for (const s of both) if (s.versions.get(uri).text.split('\n')[line] !== original) await s.replaceLine(uri, line, original);

    const target = middleDiagnostic(first.get(ours));
    if (!target) { console.log('  (no Shipshape diagnostics: no hover / code action rows)'); continue; }
    const pos = target.range.start;
    const hov = new Map(both.map(s => [s, []]));
    const act = new Map(both.map(s => [s, []]));
    const timedOut = new Set();
    await loop(ITER.request[key], async i => {
      for (const s of i % 2 ? [...both].reverse() : both) {
        if (timedOut.size) return;
        hov.get(s).push((await s.request('textDocument/hover', { textDocument: { uri }, position: pos })).ms);
        const own = (s.latest.get(uri) ?? []).filter(d => d.range.start.line <= target.range.end.line && d.range.end.line >= target.range.start.line);
        try {
          act.get(s).push((await s.request('textDocument/codeAction', { textDocument: { uri }, range: target.range, context: { diagnostics: own, only: ['quickfix'] } }, REQUEST_TIMEOUT_MS)).ms);
        } catch (e) {
          if (!e.timeout) throw e;
          act.get(s).push(e.timeout);
          timedOut.add(s);
        }
      }
    });
    record('LSP', 'hover', label, 'ms', hov.get(ours), hov.get(peer));
    const slow = [...timedOut].map(s => s.name);
    record('LSP', 'code action', label, 'ms', act.get(ours), act.get(peer), undefined, slow.length ? `${slow.join(', ')}: no answer in ${REQUEST_TIMEOUT_MS / 1000} s (recorded as ${REQUEST_TIMEOUT_MS / 1000} s; a lower bound)` : undefined);
    if (timedOut.size) {
      // the server is still busy with the request: replace it and go on with the next file
      for (const s of timedOut) {
        s.kill();
        const fresh = new LspServer(s.name, servers.find(x => x.name === s.name).command);
        await fresh.initialize();
        live[live.indexOf(s)] = fresh;
      }
      [ours, peer] = live;
      continue;
    }

    // a hover sent right behind a keystroke: answered from the cache or null, never after the re-lint
    if (f.size >= 1000 || f.kind === 'compose') {
      const during = new Map(both.map(s => [s, []]));
      await loop(Math.max(2, ITER.request[key] >> 1), async i => {
        for (const s of both) {
          const diags = s.replaceLine(uri, line, i % 2 ? original : original + 'x');
          during.get(s).push((await s.request('textDocument/hover', { textDocument: { uri }, position: pos })).ms);
          await diags;
        }
      });
      record('LSP', 'hover right after a keystroke', label, 'ms', during.get(ours), during.get(peer));
    }
    for (const s of both) await s.close(uri);
  }
  for (const s of live) await s.shutdown();

  console.log(`\nLSP: peak RSS with ${RSS_FILES} open files`);
  const rss = {};
  for (const s of servers) {
    const server = new LspServer(s.name, s.command);
    await server.initialize();
    // the same set for both: Dockerfiles of 100 instructions (the peer does not read compose files)
    for (let i = 0; i < RSS_FILES; i++) await server.open(`file:///bench/rss-${i}/Dockerfile`, dockerfile(100, 1000 + i), 'dockerfile');
    rss[s.name] = [server.peakRssMb()];
    await server.shutdown();
  }
  record('LSP', `peak RSS (VmHWM), ${RSS_FILES} open Dockerfiles`, '', 'MB', rss.shipshape, rss.peer, { max: 80 });
}

// ---------------------------------------------------------------------------------------------------------
// CLI


async function cliBench(cli, dclint, work) {
  console.log('\nCLI: compose files as whole processes (shipshape lint vs dclint)');
  for (const n of COMPOSE_SIZES) {
    const file = join(work, `compose-${n}`, 'compose.yaml');
    const ours = [], peer = [];
    await loop(ITER.cliCompose[n], async i => {
      const order = i % 2 ? ['peer', 'ours'] : ['ours', 'peer'];
      for (const who of order) {
        if (who === 'ours') ours.push(runProcess(process.execPath, [cli, 'lint', file, '--format', 'json'], dirname(file)).ms);
        else peer.push(runProcess(process.execPath, [dclint, file, '-f', 'json'], dirname(file)).ms);
      }
    });
    record('CLI', 'lint compose file (whole process)', `${n} services`, 'ms', ours, peer, n === 50 ? { max: 200 } : undefined);
  }
  console.log(`\nCLI: a directory of ${DIR_FILES} typical files`);
  const dir = join(work, 'typical');
  const walls = [], perCpu = [];
  for (let i = 0; i < ITER.cliDir; i++) {
    const r = runProcess(process.execPath, [cli, 'lint', dir, '--format', 'json'], dir);
    walls.push(DIR_FILES / (r.ms / 1000));
    perCpu.push(DIR_FILES / (r.cpuMs / 1000));
  }
  record('CLI', `files/s over ${DIR_FILES} typical files (wall clock, process start included)`, '', 'files/s', walls, null);
  record('CLI', `files/s per core (files ÷ CPU seconds, user + sys)`, '', 'files/s', perCpu, null, { min: 500 });
}

// ---------------------------------------------------------------------------------------------------------
// report

function verdict(row) {
  const t = row.target;
  if (!t || !row.ours) return '';
  const m = row.ours.median;
  if (t.max !== undefined) return `≤ ${fmt(t.max, row.unit)}: ${m <= t.max ? 'met' : `**not met** (${(m / t.max).toFixed(1)}×)`}`;
  if (t.min !== undefined) return `≥ ${fmt(t.min, row.unit)}: ${m >= t.min ? 'met' : `**not met** (${(m / t.min).toFixed(2)}×)`}`;
  if (t.ratioMax !== undefined && row.peer) { const r = m / row.peer.median; return `≤ 1/5 of peer: ${r <= t.ratioMax ? 'met' : `**not met** (${(r * 5).toFixed(1)}× the allowance)`}`; }
  return '';
}

function table() {
  const out = ['| | size | n | Shipshape median | p95 | peer median | p95 | Shipshape ÷ peer | target |', '|---|---|---:|---:|---:|---:|---:|---:|---|'];
  let section = '';
  for (const r of rows) {
    if (r.section !== section) { section = r.section; out.push(`| **${section}** | | | | | | | | |`); }
    const ratio = r.ours && r.peer ? (r.ours.median / r.peer.median) : null;
    out.push(`| ${r.metric}${r.note ? ` (${r.note})` : ''} | ${r.size} | ${r.ours.n ?? ''} | ${fmt(r.ours.median, r.unit)} | ${fmt(r.ours.p95, r.unit)} | ${r.peer ? fmt(r.peer.median, r.unit) : '–'} | ${r.peer ? fmt(r.peer.p95, r.unit) : '–'} | ${ratio === null ? '–' : ratio < 0.1 ? ratio.toFixed(3) : ratio.toFixed(2)} | ${verdict(r)} |`);
  }
  return out.join('\n');
}

function machine() {
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return { nproc: availableParallelism(), cpuModel, node: process.version, load, mem: `${(Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))[1]) / 1048576).toFixed(1)} GB` };
}

// ---------------------------------------------------------------------------------------------------------

const started = performance.now();
const shipped = await buildShipped();
const langserver = peerBin('dockerfile-language-server-nodejs', 'docker-langserver');
const dclint = peerBin('dclint', 'dclint');
const work = join(tmpdir(), `shipshape-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
const files = [
  ...DOCKERFILE_SIZES.map(n => ({ kind: 'dockerfile', size: n, text: dockerfile(n) })),
  ...COMPOSE_SIZES.map(n => ({ kind: 'compose', size: n, text: compose(n) })),
];
for (const n of COMPOSE_SIZES) { mkdirSync(join(work, `compose-${n}`)); writeFileSync(join(work, `compose-${n}`, 'compose.yaml'), compose(n)); }
for (let i = 0; i < DIR_FILES; i++) { const f = typicalFile(i); mkdirSync(join(work, 'typical', dirname(f.name)), { recursive: true }); writeFileSync(join(work, 'typical', f.name), f.text); }
const m0 = machine();
console.log(`shipshape bench: ${m0.nproc} × ${m0.cpuModel}, node ${m0.node}, load ${m0.load}${QUICK ? ' — BENCH_QUICK: numbers not meaningful' : ''}`);
console.log(`peers: dockerfile-language-server-nodejs ${langserver.version}, dclint ${dclint.version}`);

try {
  await lspBench([
    { name: 'shipshape', command: [process.execPath, shipped.server, '--stdio'] },
    { name: 'peer', command: [process.execPath, langserver.path, '--stdio'] },
  ], files);
  await cliBench(shipped.cli, dclint.path, work);
} finally {
  rmSync(work, { recursive: true, force: true });
}
const bundle = shipped.sizes.extension + shipped.sizes.server;
rows.push({ section: 'Package', metric: 'extension bundle (extension.js + server.js, minified)', size: '', unit: 'MB', ours: { n: 1, median: bundle / 1048576, p95: bundle / 1048576 }, peer: null, target: { max: 1.5 } });

const m1 = machine();
const minutes = (performance.now() - started) / 60000;
const md = `# Benchmark results

Generated by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC${QUICK ? ' — **BENCH_QUICK run: too few iterations, numbers not meaningful**' : ''}.

| machine | |
|---|---|
| CPU | ${m0.nproc} × ${m0.cpuModel} (nproc ${m0.nproc}) |
| memory | ${m0.mem} |
| node | ${m0.node} |
| load average before / after | ${m0.load} / ${m1.load} |
| peers | dockerfile-language-server-nodejs ${langserver.version} (\`docker-langserver --stdio\`), dclint ${dclint.version} |
| bundle sizes | extension.js ${(shipped.sizes.extension / 1024).toFixed(0)} KB, server.js ${(shipped.sizes.server / 1024).toFixed(0)} KB, cli.js ${(shipped.sizes.cli / 1024).toFixed(0)} KB |
| run time | ${minutes.toFixed(1)} min |

${table()}

How it was measured (see bench/README.md): medians and p95 (nearest rank) over the iterations in
bench/run.mjs (\`ITER\`); both servers are spawned as \`node <server> --stdio\` with the same client
capabilities (no workspace/configuration, so neither waits on settings) and driven alternately, one
operation each in turn, waiting for each answer before the next. "Keystroke" (after as many untimed warm-up keystrokes, for both) replaces one line near the
middle of the file with the line plus one character, then with the original, as incremental
\`didChange\`s (full text for a server that asks for full sync), and times until the diagnostics for that
version arrive. Hover and code action are requested at a Shipshape diagnostic near the middle of the
file (each server's own diagnostics on that range go in the code-action context). Compose rows are
Shipshape only: docker-langserver reads Dockerfiles only. CLI rows time whole processes
(\`node out/bench/cli.js lint <file> --format json\` vs \`node dclint.cjs <file> -f json\`) from
the file's folder; files/s per core divides the files by the child's user + sys CPU time.
Shipshape's bundles are built minified into out/bench/ as \`scripts/build.mjs --production\` builds them.
`;
writeFileSync(join(ROOT, 'bench', 'results.md'), md);
console.log(`\n${table()}\n\nwrote bench/results.md (${minutes.toFixed(1)} min)`);
