#!/usr/bin/env node
// The two language-server rows of issue 6 alone, measured as bench/run.mjs measures them (same client, same
// files, same launch: `node <server> --stdio`), in a minute instead of the whole benchmark's six:
//   keystroke → diagnostics on compose(50, 1) (target ≤ 5 ms) and peak RSS with 100 open Dockerfiles (≤ 80 MB).
//
//   node bench/issue6.mjs [keys|rss|both] [--server <server.js>] [--rounds N]
//
// Without --server it bundles server/src/lsp/main.ts minified into out/issue6/server.js, as run.mjs does.
// Keystrokes: N rounds of 200 (after 10 to warm up), each on a fresh server; prints each round's median and
// the median of the rounds, with the server's CPU per keystroke (all threads, and the main thread alone) and
// the load average, since the machine is shared. RSS: N fresh servers, VmHWM after the 100 opens; the median.
import { readFileSync } from 'fs';
import { join, dirname, resolve } from 'path';
import { fileURLToPath } from 'url';
import { build } from 'esbuild';
import { LspServer } from './lsp-client.mjs';
import { dockerfile, compose } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const what = args.find(a => ['keys', 'rss', 'both'].includes(a)) ?? 'both';
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const rounds = Number(opt('--rounds', 5));

let server = opt('--server');
if (server) server = resolve(server);
else {
  server = join(ROOT, 'out', 'issue6', 'server.js');
  await build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, sourcemap: false, logLevel: 'warning', mainFields: ['module', 'main'], absWorkingDir: ROOT, entryPoints: ['server/src/lsp/main.ts'], outfile: server });
}
const command = [process.execPath, server, '--stdio'];
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const ticks = (pid, tid = pid) => { const f = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const procTicks = pid => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
console.log(`server: ${server}`);

if (what !== 'rss') {
  const text = compose(50, 1);
  const lines = text.split('\n');
  // bench/run.mjs's editLine: the LOG_LEVEL line nearest the middle
  let line = -1;
  const mid = lines.length >> 1;
  for (let d = 0; d < lines.length && line < 0; d++) for (const i of [mid + d, mid - d]) if (line < 0 && /^\s+(- )?LOG_LEVEL[:=]/.test(lines[i] ?? '')) line = i;
  const original = lines[line];
  const medians = [];
  for (let r = 0; r < rounds; r++) {
    const s = new LspServer('shipshape', command);
    await s.initialize();
    const uri = 'file:///bench/live-c50/compose.yaml';
    await s.open(uri, text, 'dockercompose');
    for (let i = 0; i < 10; i++) await s.replaceLine(uri, line, i % 2 ? original : original + 'x');
    const c0 = procTicks(s.proc.pid), m0 = ticks(s.proc.pid);
    const times = [];
    for (let i = 0; i < 200; i++) times.push((await s.replaceLine(uri, line, i % 2 ? original : original + 'x')).ms);
    const cpu = (procTicks(s.proc.pid) - c0) / 200, main = (ticks(s.proc.pid) - m0) / 200;
    await s.shutdown();
    const sorted = [...times].sort((a, b) => a - b);
    medians.push(median(times));
    console.log(`keystroke → diagnostics, 50 services: median ${median(times).toFixed(2)} ms, p10 ${sorted[20].toFixed(2)}, min ${sorted[0].toFixed(2)}; server CPU ${cpu.toFixed(2)} ms per keystroke (main thread ${main.toFixed(2)}); load ${load()}`);
  }
  console.log(`keystroke → diagnostics: median of ${rounds} rounds ${median(medians).toFixed(2)} ms (target ≤ 5 ms)`);
}

if (what !== 'keys') {
  const peaks = [];
  for (let r = 0; r < rounds; r++) {
    const s = new LspServer('shipshape', command);
    await s.initialize();
    for (let i = 0; i < 100; i++) await s.open(`file:///bench/rss-${i}/Dockerfile`, dockerfile(100, 1000 + i), 'dockerfile');
    peaks.push(s.peakRssMb());
    await s.shutdown();
    console.log(`peak RSS (VmHWM), 100 open Dockerfiles: ${peaks[peaks.length - 1].toFixed(1)} MB; load ${load()}`);
  }
  console.log(`peak RSS: median of ${rounds} servers ${median(peaks).toFixed(1)} MB (target ≤ 80 MB)`);
}
