// Runs fuzz inputs on worker threads (one per core by default) with a watchdog: an engine call (a lint, one
// fix's check, fixFile, one hardenService) that runs longer than `hangMs` is a hang; its worker is
// terminated (V8 stops even a tight synchronous loop), the input is recorded, and a fresh worker carries on with the rest of the chunk. Inputs are rebuilt from (runSeed,
// index), so nothing but indices crosses threads on the hot path.
import { Worker } from 'worker_threads';
import { availableParallelism } from 'os';
import { mutantAt, MAX_CHARS } from './mutate.mjs';

const WORKER = new URL('./worker.mjs', import.meta.url);

/**
 * options: bundle, seeds, runSeed, start, count (a range of mutant indices) — or inputs (explicit inputs, e.g.
 * regressions); workers, chunk, hangMs, exclude, maxChars, plan ('full' | 'quick'), maxTimeouts (stop early after this many hangs), onChunk(progress).
 * Resolves { inputs, ms, cpuMs, failures: [{…failure, id}], slowest, timeouts, stoppedEarly, inputAt(id) }.
 */
export function fuzz(options) {
  const {
    bundle, seeds, runSeed = 1, start = 0, count = 0, inputs = null, workers = availableParallelism(), chunk = 250,
    hangMs = 5000, exclude = [], maxChars = MAX_CHARS, plan = 'full', maxTimeouts = Infinity, onChunk = () => undefined,
  } = options;
  const inputAt = id => (inputs ? inputs[id] : mutantAt(seeds, runSeed, id, exclude, maxChars));
  const queue = [];
  if (inputs) inputs.forEach((_, i) => queue.push({ ids: [i], start: i, end: i + 1 }));
  else for (let s = start; s < start + count; s += chunk) queue.push({ start: s, end: Math.min(s + chunk, start + count) });
  const total = inputs ? inputs.length : count;
  const result = { inputs: 0, ms: 0, cpuMs: 0, failures: [], slowest: [], stoppedEarly: false, timeouts: 0 };
  const t0 = performance.now();
  let jobIds = 0;

  return new Promise((resolve, reject) => {
    const slots = [];
    let finished = false;
    const done = () => {
      if (finished) return;
      if (queue.length && !result.stoppedEarly) return;
      if (slots.some(s => s.job)) return;
      finished = true;
      clearInterval(watchdog);
      for (const s of slots) void s.worker.terminate();
      result.ms = performance.now() - t0;
      result.slowest.sort((a, b) => b.ms - a.ms).splice(10);
      result.inputAt = inputAt;
      resolve(result);
    };
    const spawn = slot => {
      slot.heartbeat = new SharedArrayBuffer(24);
      slot.beat = new Float64Array(slot.heartbeat);
      slot.worker = new Worker(WORKER, { workerData: { bundle, seeds: inputs ? [] : seeds, runSeed, exclude, maxChars, plan, heartbeat: slot.heartbeat } });
      slot.worker.on('message', msg => {
        if (msg.failure) { result.failures.push(msg.failure); return; }
        if (!msg.done || !slot.job || msg.job !== slot.job.jobId) return;
        const s = msg.stats;
        result.inputs += s.inputs; result.cpuMs += s.ms;
        result.slowest.push(...s.slowest);
        slot.job = null;
        onChunk({ inputs: result.inputs, total, ms: performance.now() - t0, failures: result.failures.length, timeouts: result.timeouts });
        next(slot);
      });
      slot.worker.on('error', e => { if (!finished) { finished = true; clearInterval(watchdog); reject(e); } });
    };
    const next = slot => {
      if (result.stoppedEarly || !queue.length) return done();
      const job = queue.shift();
      slot.job = { ...job, jobId: ++jobIds };
      slot.worker.postMessage(inputs
        ? { jobId: slot.job.jobId, inputs: job.ids.map(i => inputs[i]), ids: job.ids }
        : { jobId: slot.job.jobId, start: job.start, end: job.end });
    };
    const watchdog = setInterval(() => {
      for (const slot of slots) {
        const started = slot.beat[1];
        if (!slot.job || !started || Date.now() - started < hangMs) continue;
        const id = slot.beat[0];
        const elapsed = Date.now() - slot.beat[2];
        void slot.worker.terminate();
        result.timeouts++;
        result.inputs += inputs ? 1 : id - slot.job.start + 1;
        // no stack from a terminated worker: tell hangs apart by what the input was made of
        const input = inputAt(id);
        const shape = { kind: input.kind, mutations: [...new Set(input.mutations ?? [])].sort(), siblings: !!input.siblings };
        result.failures.push({ stage: 'timeout', name: 'Timeout', message: `an engine call gave no result after ${hangMs} ms (worker terminated)`, stack: '', id, ms: elapsed, shape });
        result.slowest.push({ ms: elapsed, id, timeout: true });
        // the inputs before the hang ran (their failures were already sent); the rest of the job is requeued
        const rest = inputs ? null : { start: id + 1, end: slot.job.end };
        slot.job = null;
        if (rest && rest.start < rest.end) queue.unshift(rest);
        if (result.timeouts >= maxTimeouts) result.stoppedEarly = true;
        spawn(slot);
        next(slot);
      }
    }, 100);
    const n = Math.max(1, Math.min(workers, queue.length));
    for (let i = 0; i < n; i++) { const slot = { job: null }; slots.push(slot); spawn(slot); next(slot); }
    if (!queue.length && !slots.length) done();
  });
}
