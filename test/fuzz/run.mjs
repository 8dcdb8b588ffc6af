#!/usr/bin/env node
// The long fuzz run (`npm run fuzz`): 1,000,000 inputs by default, in rounds of 50,000 so progress and new
// regression fixtures are written as it goes (an interrupted run keeps what it found).
//
//   node test/fuzz/run.mjs [--count 1000000] [--seed 1] [--start 0] [--workers <cores>] [--hang-ms 10000]
//                          [--round 50000] [--without aliasBomb,hugeLine] [--plan full|quick] [--max-chars N] [--no-save]
//
// Every input is a pure function of (seed, index): `--seed S --start I --count 1` re-runs input I.
import { availableParallelism } from 'os';
import { writeFileSync, mkdirSync } from 'fs';
import { join } from 'path';
import { buildEngineBundle, ROOT } from './build.mjs';
import { loadSeeds, MUTATIONS } from './mutate.mjs';
import { fuzz } from './pool.mjs';
import { groupFailures, saveRegressions } from './regressions.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const count = Number(arg('count', 1_000_000));
const runSeed = Number(arg('seed', 1));
const start = Number(arg('start', 0));
const workers = Number(arg('workers', availableParallelism()));
const hangMs = Number(arg('hang-ms', 10_000));
const round = Number(arg('round', 50_000));
const exclude = (arg('without', '') || '').split(',').filter(Boolean);
const save = !process.argv.includes('--no-save');
const plan = arg('plan', 'full');
const maxChars = arg('max-chars') ? Number(arg('max-chars')) : undefined;
for (const m of exclude) if (!MUTATIONS[m]) { console.error(`unknown mutation '${m}'; known: ${Object.keys(MUTATIONS).join(', ')}`); process.exit(2); }

const bundle = buildEngineBundle();
process.setSourceMapsEnabled?.(true);
const seeds = loadSeeds(ROOT);
console.log(`fuzz: ${count.toLocaleString('en')} inputs from ${seeds.length} seed files, seed ${runSeed}, start ${start}, ${workers} workers, hang limit ${hangMs} ms, plan ${plan}${maxChars ? `, inputs cut to ${maxChars} chars` : ''}${exclude.length ? `, without ${exclude.join(', ')}` : ''}`);

const t0 = performance.now();
const total = { inputs: 0, cpuMs: 0, failures: [], slowest: [], timeouts: 0 };
const inputAts = [];
let lastPrint = 0;
for (let s = start; s < start + count; s += round) {
  const n = Math.min(round, start + count - s);
  const r = await fuzz({
    bundle, seeds, runSeed, start: s, count: n, workers, hangMs, exclude, plan, maxChars,
    onChunk: p => {
      const now = performance.now();
      if (now - lastPrint < 5000) return;
      lastPrint = now;
      const done = total.inputs + p.inputs, secs = (now - t0) / 1000;
      const eta = (count - done) / (done / secs);
      console.log(`  ${done.toLocaleString('en')} / ${count.toLocaleString('en')} inputs  ${(done / secs).toFixed(0)}/s  ${secs.toFixed(0)} s  failures ${total.failures.length + p.failures}  hangs ${total.timeouts + p.timeouts}  eta ${eta.toFixed(0)} s`);
    },
  });
  total.inputs += r.inputs; total.cpuMs += r.cpuMs; total.timeouts += r.timeouts;
  total.slowest.push(...r.slowest.map(x => ({ ...x, round: inputAts.length })));
  total.failures.push(...r.failures.map(f => ({ ...f, round: inputAts.length })));
  inputAts.push(r.inputAt);
  if (save && r.failures.length) {
    const written = await saveRegressions(bundle, groupFailures(r.failures), r.inputAt, { runSeed, exclude, date: new Date().toISOString().slice(0, 10) });
    for (const f of written) console.log(`  new regression fixture: ${f.slice(ROOT.length + 1)}`);
  }
}
const secs = (performance.now() - t0) / 1000;
const groups = groupFailures(total.failures);
total.slowest.sort((a, b) => b.ms - a.ms).splice(5);

console.log(`\nfuzz: ${total.inputs.toLocaleString('en')} inputs in ${secs.toFixed(1)} s = ${(total.inputs / secs).toFixed(0)} inputs/s (${workers} workers; ${(total.inputs / (total.cpuMs / 1000)).toFixed(0)} inputs/s per busy worker)`);
console.log(`slowest inputs:`);
for (const s of total.slowest) {
  const input = s.timeout || s.id === undefined ? null : inputAts[s.round](s.id);
  console.log(`  ${s.timeout ? 'HANG ' : ''}${s.ms.toFixed(0)} ms  #${s.id}${input ? `  ${input.seed}  [${input.mutations.join(', ')}]  ${input.text.length} chars` : ''}`);
}
console.log(`${groups.length} distinct failure(s), ${total.failures.length} failing input(s), ${total.timeouts} hang(s)`);
for (const g of groups) console.log(`  ${g.count}×  ${g.signature}\n      ${g.first.stack.split('\n').slice(0, 3).join('\n      ')}`);
mkdirSync(join(ROOT, 'out', 'fuzz'), { recursive: true });
writeFileSync(join(ROOT, 'out', 'fuzz', 'last-run.json'), JSON.stringify({ count, runSeed, start, workers, exclude, inputs: total.inputs, seconds: secs, timeouts: total.timeouts, slowest: total.slowest, failures: groups.map(g => ({ signature: g.signature, count: g.count, first: g.first })) }, null, 1));
process.exit(groups.length ? 1 : 0);
