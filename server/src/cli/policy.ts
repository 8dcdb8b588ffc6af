// The CLI's view of policy files: the nearest `.shipshape.yaml` above each file, loaded once per path;
// an invalid policy stops the run with a one-line error naming the file, position and key.
import * as path from 'path';
import { findPolicyFile, loadPolicy, Policy } from '../engine/policy';
import { dirOf } from '../engine/compose/paths';
import { readIfExists } from './read';

export class PolicyError extends Error {}

type ReadFile = (file: string) => string | undefined;

/** folder → the policy file in that very folder (null: none) */
const ownByDir = new Map<string, string | null>();
/** folder → the nearest policy file at or above it */
const byDir = new Map<string, string | null>();
const byPath = new Map<string, Policy>();

/**
 * findPolicyFile(dir) with each folder looked at once per run: a directory scan asks for the folders of
 * every file, and they share their parents. Same walk (and the same 64-folder bound) as findPolicyFile.
 */
function nearestPolicyFile(dir: string, read: ReadFile): string | null {
  let d = dir;
  for (let i = 0; i < 64; i++) {
    let own = ownByDir.get(d);
    if (own === undefined) { own = findPolicyFile(d, read, d); ownByDir.set(d, own); }
    if (own) return own;
    const up = dirOf(d);
    if (up === d) return null;
    d = up;
  }
  return null;
}

/** The policy that applies to a file (null when there is none); throws PolicyError when it is invalid. */
export function policyFor(file: string, read: ReadFile = readIfExists): Policy | null {
  const dir = path.dirname(path.resolve(file));
  if (!byDir.has(dir)) byDir.set(dir, nearestPolicyFile(dir, read));
  const policyPath = byDir.get(dir)!;
  if (!policyPath) return null;
  let policy = byPath.get(policyPath);
  if (!policy) {
    const load = loadPolicy(policyPath, read);
    const e = load.errors[0];
    if (e || !load.policy) {
      const where = e ? `${path.relative(process.cwd(), e.path) || e.path}:${e.range.start.line + 1}:${e.range.start.character + 1}` : policyPath;
      throw new PolicyError(`${where}: ${e?.key ? e.key + ': ' : ''}${e?.message ?? 'invalid policy'}`);
    }
    policy = load.policy;
    byPath.set(policyPath, policy);
  }
  return policy;
}
