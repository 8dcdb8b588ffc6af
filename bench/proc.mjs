// Timing a whole process for the CLI rows (bench/run.mjs, bench/cli-quick.mjs).
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';

/** Runs a whole process; wall ms and CPU ms (user + sys of the reaped child, from /proc/self/stat cutime/cstime). */
export function runProcess(command, args, cwd) {
  const ticks = () => { const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' '); return Number(f[13]) + Number(f[14]); };
  const c0 = ticks();
  const t = performance.now();
  const r = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${[command, ...args].join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return { ms, cpuMs: (ticks() - c0) * 10 };
}
