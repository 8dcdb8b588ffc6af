// A fuzz worker: runs ranges of mutant indices (or explicit inputs) through checkInput. Before each input it
// writes (index, start time of the current engine call, start time of the input) to the shared heartbeat, so
// the pool can see a hang (one call that does not come back) and terminate the worker.
import { parentPort, workerData } from 'worker_threads';
import { createRequire } from 'module';
import { mutantAt } from './mutate.mjs';
import { checkInput, PLANS } from './harness.mjs';

process.setSourceMapsEnabled?.(true);
const engine = createRequire(import.meta.url)(workerData.bundle);
const { seeds, runSeed, exclude, maxChars } = workerData;
const plan = PLANS[workerData.plan];
const beat = new Float64Array(workerData.heartbeat);

parentPort.on('message', job => {
  const stats = { inputs: 0, ms: 0, slowest: [] };
  const run = (input, id) => {
    beat[0] = id; beat[1] = Date.now(); beat[2] = beat[1];
    // each engine call restarts the watchdog's clock (beat[1]); beat[2] is when the input started
    const r = checkInput(engine, input, plan, () => { beat[1] = Date.now(); });
    beat[1] = 0;
    stats.inputs++; stats.ms += r.ms;
    if (stats.slowest.length < 5 || r.ms > stats.slowest[stats.slowest.length - 1].ms) {
      stats.slowest.push({ ms: r.ms, id, seed: input.seed, mutations: input.mutations, chars: input.text.length });
      stats.slowest.sort((a, b) => b.ms - a.ms).length = Math.min(stats.slowest.length, 5);
    }
    // failures go out at once: if a later input of the job hangs, the worker dies with its stats
    for (const f of r.failures) parentPort.postMessage({ failure: { ...f, id, ms: r.ms } });
  };
  if (job.inputs) job.inputs.forEach((input, k) => run(input, job.ids[k]));
  else for (let i = job.start; i < job.end; i++) run(mutantAt(seeds, runSeed, i, exclude, maxChars), i);
  parentPort.postMessage({ done: true, job: job.jobId, stats });
});
