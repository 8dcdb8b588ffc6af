// Failures → regression fixtures in test/fuzz/regressions/: one JSON file per distinct failure (signature),
// holding the (minimised) input, the options and sibling files it ran with, and the failure as first seen.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'fs';
import { join } from 'path';
import { createHash } from 'crypto';
import { Worker } from 'worker_threads';
import { checkInput, signature } from './harness.mjs';

export const REGRESSIONS = new URL('./regressions/', import.meta.url).pathname;

export function loadRegressions(dir = REGRESSIONS) {
  let files = [];
  try { files = readdirSync(dir).filter(f => f.endsWith('.json')).sort(); } catch { return []; }
  return files.map(f => ({ file: join(dir, f), ...JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}

/** Distinct failures: signature → { count, first (lowest id) failure }. */
export function groupFailures(failures) {
  const groups = new Map();
  for (const f of failures) {
    const sig = signature(f);
    const g = groups.get(sig);
    if (!g) groups.set(sig, { signature: sig, count: 1, first: f });
    else { g.count++; if (f.id < g.first.id) g.first = f; }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** Line-based delta debugging: drop chunks of lines while the same failure still happens. Bounded by `budgetMs`. */
export function minimise(engine, input, sig, budgetMs = 10_000) {
  const deadline = performance.now() + budgetMs;
  const still = text => checkInput(engine, { ...input, text }).failures.some(f => signature(f) === sig);
  // lines with their own terminators (\n, \r\n or a lone \r), so CR-only files shrink too
  let lines = input.text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  for (let size = Math.max(1, lines.length >> 1); size >= 1 && performance.now() < deadline; size = size === 1 ? 0 : size >> 1) {
    for (let at = 0; at < lines.length && performance.now() < deadline;) {
      const candidate = [...lines.slice(0, at), ...lines.slice(at + size)];
      if (candidate.length < lines.length && still(candidate.join(''))) lines = candidate; else at += size;
    }
  }
  return lines.join('');
}

/** minimise() on a worker thread; the input unchanged if it does not finish within budget + 5 s. */
function minimiseOffThread(bundle, input, sig, budgetMs = 10_000) {
  return new Promise(resolve => {
    const worker = new Worker(new URL('./minimise-worker.mjs', import.meta.url), { workerData: { bundle, input, signature: sig, budgetMs } });
    const timer = setTimeout(() => { void worker.terminate(); resolve(input.text); }, budgetMs + 5000);
    worker.once('message', text => { clearTimeout(timer); void worker.terminate(); resolve(text); });
    worker.once('error', () => { clearTimeout(timer); resolve(input.text); });
  });
}

/**
 * Saves the groups not already saved. Crashes are minimised first, on a worker thread with a deadline
 * (hangs are not minimised: every candidate could hang). Resolves the files written.
 */
export async function saveRegressions(bundle, groups, inputAt, meta, dir = REGRESSIONS) {
  mkdirSync(dir, { recursive: true });
  const known = new Set(loadRegressions(dir).map(r => r.signature));
  const written = [];
  for (const g of groups) {
    if (known.has(g.signature)) continue;
    const input = inputAt(g.first.id);
    const original = input.text.length;
    if (g.first.stage !== 'timeout' && g.first.ms < 2000) input.text = await minimiseOffThread(bundle, input, g.signature);
    const hash = createHash('sha1').update(g.signature).digest('hex').slice(0, 10);
    const file = join(dir, `${g.first.stage}-${hash}.json`);
    const { id, ms, ...failure } = g.first;
    writeFileSync(file, JSON.stringify({
      signature: g.signature, failure, ms: Math.round(ms), seenTimes: g.count,
      found: { ...meta, index: id, seed: input.seed, mutations: input.mutations, originalChars: original },
      input: { kind: input.kind, options: input.options, siblings: input.siblings, text: input.text },
    }, null, 1) + '\n');
    written.push(file);
    known.add(g.signature);
  }
  return written;
}
