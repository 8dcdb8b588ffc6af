// Runs minimise() off the main thread, so a candidate that hangs cannot stall the fuzz run (the caller
// terminates this worker after its deadline and keeps the input as it was).
import { parentPort, workerData } from 'worker_threads';
import { createRequire } from 'module';
import { minimise } from './regressions.mjs';

const engine = createRequire(import.meta.url)(workerData.bundle);
parentPort.postMessage(minimise(engine, workerData.input, workerData.signature, workerData.budgetMs));
