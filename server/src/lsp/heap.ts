// V8 heap settings for the language server, applied when this module loads: main.ts imports it first, so
// they hold before anything large is allocated. They are set here rather than as `node` flags so that every
// client gets them, whatever command line it starts the server with.
//
// The server keeps a few analyses (retained.ts) and otherwise allocates per lint, nearly all of it
// short-lived. V8's defaults suit a throughput workload instead: the young generation grows to 2 × 16 MB and
// the old one to several times what is live before a full collection, so a hundred open Dockerfiles peaked
// at ~130 MB resident with ~15 MB live. Measured on bench/run.mjs's RSS row (100 open Dockerfiles, medians):
//  - the young generation stays at its initial 2 × 1 MB (semi-space growth factor 1): about −25 MB;
//  - the old generation grows by 20 % past what is live before the next full collection: about −20 MB.
// The first costs a compose keystroke ~1 ms more in scavenges (a 50-service file allocates ~2 MB per lint).
// `--optimize-for-size` saves as much memory but doubles the lint time (it also turns off optimisations);
// `--max-semi-space-size` cannot be changed once the heap exists, hence the growth factor.
import { setFlagsFromString } from 'v8';

export const HEAP_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=20'];

for (const flag of HEAP_FLAGS) setFlagsFromString(flag);
