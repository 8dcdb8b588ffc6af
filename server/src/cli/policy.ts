// The CLI's view of policy files: the nearest `.shipshape.yaml` above each file, loaded once per path;
// an invalid policy stops the run with a one-line error naming the file, position and key.
import * as fs from 'fs';
import * as path from 'path';
import { findPolicyFile, loadPolicy, Policy } from '../engine/policy';

export class PolicyError extends Error {}

const readIfExists = (p: string): string | undefined => { try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; } };
const byDir = new Map<string, string | null>();
const byPath = new Map<string, Policy>();

/** The policy that applies to a file (null when there is none); throws PolicyError when it is invalid. */
export function policyFor(file: string): Policy | null {
  const dir = path.dirname(path.resolve(file));
  if (!byDir.has(dir)) byDir.set(dir, findPolicyFile(dir, readIfExists));
  const policyPath = byDir.get(dir)!;
  if (!policyPath) return null;
  let policy = byPath.get(policyPath);
  if (!policy) {
    const load = loadPolicy(policyPath, readIfExists);
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
