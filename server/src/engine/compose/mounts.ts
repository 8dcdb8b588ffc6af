// What a service mounts from the host: bind mounts (short and long syntax) and named volumes that the
// `local` driver binds to a host directory (`driver_opts: {o: bind, device: /path}`), each with the place
// to report it and, for the service's own entry, the edit that makes it read-only.
import { ComposeModel, ServiceModel, Located } from './model';
import { volumes, VolumeMount } from './values';
import { ComposeFile, asMap, pairOf, scalarText, nodeRange, deref, isMap } from './document';
import { replaceScalar, setMapValue } from './edits';
import { Range, TextEdit } from '../types';
import { Node } from 'yaml';

export interface HostMount {
  /** the host path as written (a named volume's `device`) */
  hostPath: string;
  mount: VolumeMount;
  /** the named volume that binds the host path, when the mount is one */
  volume: string | null;
  /** where to report: the entry, or the volume's `device:` value */
  at: { file: ComposeFile; range: Range };
}

/** A top-level `volumes:` definition, searched in the linted file first, then the other files of the model. */
export function topLevelVolume(model: ComposeModel, name: string): { file: ComposeFile; node: Node | null } | null {
  for (const file of [model.file, ...model.files.filter(f => f !== model.file)]) {
    const root = asMap(file, file.doc.contents);
    const vols = root ? asMap(file, pairOf(root, 'volumes')?.value) : null;
    const pair = vols ? pairOf(vols, name) : undefined;
    if (pair) return { file, node: deref(file, pair.value) };
  }
  return null;
}

/** The host directory a named volume binds (`driver_opts.o` has `bind` and `device` is a path), with its node. */
function boundDevice(model: ComposeModel, name: string): { path: string; file: ComposeFile; node: Node } | null {
  const def = topLevelVolume(model, name);
  const map = def ? asMap(def.file, def.node) : null;
  const opts = def && map ? asMap(def.file, map.get('driver_opts', true)) : null;
  if (!def || !opts) return null;
  const o = scalarText(def.file, opts.get('o', true)) ?? '';
  const device = deref(def.file, opts.get('device', true));
  const path = scalarText(def.file, device);
  if (!device || path === null || !o.split(',').map(s => s.trim()).includes('bind')) return null;
  return { path, file: def.file, node: device };
}

export function hostMounts(model: ComposeModel, service: ServiceModel): HostMount[] {
  const out: HostMount[] = [];
  for (const mount of volumes(service)) {
    if ((mount.type === 'bind' || mount.type === 'npipe') && mount.source) {
      // long syntax: point at the `source:` line
      const source = deref(mount.item.file, asMap(mount.item.file, mount.item.node)?.get('source', true));
      const at = source ? { file: mount.item.file, range: nodeRange(mount.item.file, source) } : mount.item;
      out.push({ hostPath: mount.source, mount, volume: null, at });
    } else if (mount.type === 'volume' && mount.source) {
      const dev = boundDevice(model, mount.source);
      if (dev) out.push({ hostPath: dev.path, mount, volume: mount.source, at: { file: dev.file, range: nodeRange(dev.file, dev.node) } });
    }
  }
  return out;
}

/** Splits a short volume spec into source, target and mode, keeping a Windows drive letter's colon. */
function splitShort(spec: string): string[] {
  const parts = spec.split(':');
  if (/^[A-Za-z]$/.test(parts[0]) && parts.length > 2) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  return parts;
}

/** The edit that makes a service's volume entry read-only: `:ro` (short syntax) or `read_only: true` (long). */
export function readOnlyEdit(mount: VolumeMount): TextEdit | null {
  const { item } = mount;
  if (!item.node) return null;
  const map = asMap(item.file, item.node);
  if (map) return isMap(item.node) && !map.flow ? setMapValue(item.file, map, 'read_only', 'true') : null;
  if (item.text === null) return null;
  const parts = splitShort(item.text);
  if (parts.length === 2) return replaceScalar(item.file, item.node, `${item.text}:ro`);
  if (parts.length !== 3) return null;
  const mode = parts[2].split(',').filter(m => m !== '' && m !== 'rw' && m !== 'ro');
  return replaceScalar(item.file, item.node, [parts[0], parts[1], ['ro', ...mode].join(',')].join(':'));
}

/** The located value of `key` when it is `host` (pid, ipc, uts, userns_mode, network_mode). */
export function hostMode(service: ServiceModel, key: string): Located | null {
  const l = service.keys.get(key)?.[0];
  if (!l) return null;
  const t = scalarText(l.file, l.node);
  return t !== null && t.trim().toLowerCase() === 'host' ? l : null;
}
