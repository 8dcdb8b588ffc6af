// Shared by the container test files: paths, the environment container-check.sh runs in, a promise-based
// command runner, and the reasons a machine cannot run containers at all.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHECK = path.join(ROOT, 'test/container/container-check.sh');
// the recipe's cache: stand-in base tarballs and the private dockerd's data (survives between runs)
export const CTR_HOME = process.env.CTR_HOME || '/tmp/ctr';
// one daemon for the whole file (KEEP_DAEMON); tests never run apt themselves (CTR_NO_APT: a missing
// package shows up as exit 6, a loud skip that points at scripts/setup-containers.sh)
export const ENV = { ...process.env, CTR_HOME, KEEP_DAEMON: '1', CTR_NO_APT: '1' };

/** Runs a command to completion (async, so node:test timeouts still work); never rejects. */
export function run(cmd, args, timeoutMs = 600_000, env = ENV) {
  return new Promise((resolve) => {
    const start = performance.now();
    const p = spawn(cmd, args, { cwd: ROOT, env, timeout: timeoutMs });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const done = (code, signal) => resolve({ code, signal, stdout, stderr, seconds: (performance.now() - start) / 1000 });
    p.on('close', done);
    p.on('error', (e) => { stderr += String(e); done(-1, null); });
  });
}

export const tail = (s, n = 25) => s.trim().split('\n').slice(-n).join('\n');

export function daemonRunning() {
  try {
    process.kill(Number(readFileSync(path.join(CTR_HOME, 'dockerd.pid'), 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

/** Why this machine cannot run the container tests at all, or null. */
export function machineSkipReason() {
  if (process.platform !== 'linux') return 'containers are only checked on Linux';
  if (process.getuid() !== 0) return 'needs root (private dockerd)';
  if (!existsSync('/usr/sbin/dockerd')) return 'docker.io is not installed (run scripts/setup-containers.sh)';
  return null;
}

/**
 * Starts the private dockerd (once per file: KEEP_DAEMON) with the stand-in bases and a smoke container.
 * Returns why containers cannot run here (container-check.sh exit 6), or null; any other failure throws.
 * `startedDaemon` tells the file to stop the daemon again in its after hook.
 */
export async function setupDaemon() {
  const wasUp = daemonRunning();
  const r = await run('bash', [CHECK, '--setup']);
  const startedDaemon = !wasUp && daemonRunning();
  if (r.code === 6) return { skipReason: tail(r.stderr, 1).replace(/^\[container-check\] FAIL: /, ''), startedDaemon };
  if (r.code !== 0) throw new Error(`container-check.sh --setup failed:\n${tail(r.stderr)}`);
  return { skipReason: null, startedDaemon };
}
