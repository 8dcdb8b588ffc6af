// Resource limits in both syntaxes — the service keys (`mem_limit`, `cpus`, `pids_limit`) and
// `deploy.resources.limits.{memory,cpus,pids}` — where a missing one is reported, and the fixes that set one.
import { ServiceModel, Located, lookup, get } from './model';
import { scalarText, pairOf } from './document';
import { addToMap, addUnderPath, replaceNode, replaceScalar, scalarStyle } from './edits';
import { ComposeFile } from './document';
import { Range, TextEdit } from '../types';

export type LimitKind = 'memory' | 'cpus' | 'pids';

export const SERVICE_LIMIT_KEY: Record<LimitKind, string> = { memory: 'mem_limit', cpus: 'cpus', pids: 'pids_limit' };
const DEPLOY_LIMITS = ['deploy', 'resources', 'limits'];

export interface LimitSetting { located: Located; text: string | null; syntax: 'service' | 'deploy' }

/** Every place the service sets this limit (service key first). */
export function limitSettings(service: ServiceModel, kind: LimitKind): LimitSetting[] {
  const out: LimitSetting[] = [];
  const short = get(service, SERVICE_LIMIT_KEY[kind]);
  if (short) out.push({ located: short, text: scalarText(short.file, short.node), syntax: 'service' });
  const deploy = lookup(service, [...DEPLOY_LIMITS, kind]);
  if (deploy) out.push({ located: deploy, text: scalarText(deploy.file, deploy.node), syntax: 'deploy' });
  return out;
}

/** A value that sets no limit: empty, `0` or `-1` (Docker reads both as unlimited). A `${VAR}` counts as a limit. */
export function isUnlimited(text: string | null): boolean {
  if (text === null) return true;
  const t = text.trim().replace(/^(["'])(.*)\1$/, '$2');
  return t === '' || /^-1$/.test(t) || /^0+(?:\.0*)?[a-z]*$/i.test(t);
}

/** The setting that really limits, or null. */
export function effectiveLimit(service: ServiceModel, kind: LimitKind): LimitSetting | null {
  return limitSettings(service, kind).find(s => !isUnlimited(s.text)) ?? null;
}

/**
 * Where a missing deploy limit is reported: the deepest of `deploy.resources.limits`, `deploy.resources`,
 * `deploy` that exists (the block the limit belongs in), else the service name.
 */
export function missingLimitAnchor(service: ServiceModel): { file: ComposeFile; range: Range } {
  for (let depth = DEPLOY_LIMITS.length; depth > 0; depth--) {
    const l = lookup(service, DEPLOY_LIMITS.slice(0, depth));
    if (l?.keyRange) return { file: l.file, range: l.keyRange };
  }
  return { file: service.file, range: service.nameRange };
}

/** Keys that show a service uses the service-level limit syntax (Compose file format 2 style). */
const SERVICE_STYLE_KEYS = ['mem_limit', 'cpus', 'pids_limit', 'mem_reservation', 'memswap_limit', 'cpu_shares', 'cpu_quota', 'cpuset'];

/**
 * Adds a limit where the service's own style puts it: a service key when the service already uses service
 * keys and has no deploy.resources, else into `deploy.resources.limits` (joining the blocks that exist).
 * Null when the service is defined in another file or the block cannot be edited in place.
 */
export function addLimit(file: ComposeFile, service: ServiceModel, kind: LimitKind, deployValue: string, serviceValue: string): TextEdit | null {
  if (service.file !== file) return null;
  const serviceStyle = SERVICE_STYLE_KEYS.some(k => pairOf(service.map, k)) && !lookup(service, ['deploy', 'resources']);
  if (serviceStyle) return addToMap(file, service.map, [`${SERVICE_LIMIT_KEY[kind]}: ${serviceValue}`]);
  return addUnderPath(file, service.map, DEPLOY_LIMITS, [`${kind}: ${deployValue}`]);
}

/** Replaces an unlimited value (`0`, `-1`) with a limit (a plain YAML scalar), in the linted file only, keeping its quotes. */
export function replaceLimit(file: ComposeFile, setting: LimitSetting, value: string): TextEdit | null {
  const node = setting.located.node;
  if (setting.located.file !== file || !node) return null;
  return scalarStyle(node) === 'plain' ? replaceNode(file, node, value) : replaceScalar(file, node, value);
}
