// Compose values in both syntaxes, normalised: ports, volumes, security_opt, capabilities, environment.
import { ServiceModel, items, Item } from './model';
import { asMap, asSeq, keyName, scalarText, ComposeFile } from './document';
import { Node } from 'yaml';
import { Range } from '../types';
import { nodeRange } from './document';

export interface PortMapping {
  hostIp: string | null;
  /** published (host) port or range text; null when only the container port is given */
  published: string | null;
  target: string;
  protocol: string;
  item: Item;
}

/** `ports:` entries: "80", "8080:80", "127.0.0.1:8080:80/udp", "[::1]:80:80", ranges, long form. */
export function ports(service: ServiceModel): PortMapping[] {
  return memo(service, 'ports', readPorts);
}

// Several rules read the same service's ports, volumes and security options in one lint: each is read once
// per service model (a new model per lint) and shared. The lists are read-only.
const memos = new WeakMap<ServiceModel, Map<string, unknown>>();

function memo<T>(service: ServiceModel, key: string, read: (service: ServiceModel) => T): T {
  let m = memos.get(service);
  if (!m) { m = new Map(); memos.set(service, m); }
  if (!m.has(key)) m.set(key, read(service));
  return m.get(key) as T;
}

function readPorts(service: ServiceModel): PortMapping[] {
  const out: PortMapping[] = [];
  for (const item of items(service, 'ports')) {
    const map = asMap(item.file, item.node);
    if (map) {
      const t = scalarText(item.file, map.get('target', true));
      if (t === null) continue;
      // `published: 127.0.0.1:8080` (or a bare address) is not in the spec, but Docker-era files write it
      let published = scalarText(item.file, map.get('published', true));
      let hostIp = scalarText(item.file, map.get('host_ip', true));
      const withIp = published === null ? null : /^(.*[.:\]].*?):(\d+(?:-\d+)?)$/.exec(published) ?? /^()(\d+(?:-\d+)?)$/.exec(published);
      if (published !== null && !withIp && /[.:]/.test(published)) { hostIp = hostIp ?? published; published = null; }
      else if (withIp?.[1]) { hostIp = hostIp ?? withIp[1].replace(/^\[|\]$/g, ''); published = withIp[2]; }
      out.push({
        hostIp, published,
        target: t, protocol: scalarText(item.file, map.get('protocol', true)) ?? 'tcp', item,
      });
      continue;
    }
    if (item.text === null) continue;
    let spec = item.text.trim();
    let protocol = 'tcp';
    const slash = spec.lastIndexOf('/');
    if (slash > 0) { protocol = spec.slice(slash + 1); spec = spec.slice(0, slash); }
    let hostIp: string | null = null;
    const v6 = /^\[([^\]]+)\]:(.*)$/.exec(spec);
    if (v6) { hostIp = v6[1]; spec = v6[2]; }
    const parts = spec.split(':');
    if (!v6 && parts.length === 3) hostIp = parts.shift()!;
    if (parts.length === 1) out.push({ hostIp, published: null, target: parts[0], protocol, item });
    else out.push({ hostIp: hostIp === '' ? null : hostIp, published: parts[0] === '' ? null : parts[0], target: parts[1], protocol, item });
  }
  return out;
}

/** Every port number a port or range text covers ("8000-8002" → 8000, 8001, 8002), bounded. */
export function portNumbers(spec: string | null): number[] {
  if (!spec) return [];
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec.trim());
  if (!m) return [];
  const a = Number(m[1]), b = m[2] ? Number(m[2]) : a;
  if (b < a || b - a > 65535) return [];
  const out: number[] = [];
  for (let p = a; p <= b && out.length < 70000; p++) out.push(p);
  return out;
}

export interface VolumeMount {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  source: string | null;
  target: string | null;
  readOnly: boolean;
  /** bind propagation when given */
  propagation: string | null;
  item: Item;
}

/** `volumes:` entries: "./src:/app:ro", "data:/var/lib/x", "/var/run/docker.sock:/var/run/docker.sock", long form. */
export function volumes(service: ServiceModel): VolumeMount[] {
  return memo(service, 'volumes', readVolumes);
}

function readVolumes(service: ServiceModel): VolumeMount[] {
  const out: VolumeMount[] = [];
  for (const item of items(service, 'volumes')) {
    const map = asMap(item.file, item.node);
    if (map) {
      const bind = asMap(item.file, map.get('bind', true));
      const type = (scalarText(item.file, map.get('type', true)) ?? 'volume') as VolumeMount['type'];
      const ro = scalarText(item.file, map.get('read_only', true));
      out.push({
        type, source: scalarText(item.file, map.get('source', true)), target: scalarText(item.file, map.get('target', true)),
        readOnly: ro === 'true' || ro === 'yes', propagation: bind ? scalarText(item.file, bind.get('propagation', true)) : null, item,
      });
      continue;
    }
    if (item.text === null) continue;
    const parts = item.text.split(':');
    // a Windows drive letter ("C:\\x:/app") keeps its colon
    if (/^[A-Za-z]$/.test(parts[0]) && parts.length > 2) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
    if (parts.length === 1) { out.push({ type: 'volume', source: null, target: parts[0], readOnly: false, propagation: null, item }); continue; }
    const [source, target, mode = ''] = parts;
    const opts = mode.split(',');
    const isPath = /^(\.|\/|~|[A-Za-z]:\\|\$)/.test(source);
    out.push({
      type: isPath ? 'bind' : 'volume', source, target, readOnly: opts.includes('ro'),
      propagation: opts.find(o => /^r?(shared|slave|private)$/.test(o)) ?? null, item,
    });
  }
  return out;
}

export interface SecurityOpt { name: string; value: string | null; item: Item }

/** `security_opt:` entries with `:` or `=` ("seccomp:unconfined", "seccomp=unconfined", "no-new-privileges"). */
export function securityOpts(service: ServiceModel): SecurityOpt[] {
  return memo(service, 'security_opt', readSecurityOpts);
}

function readSecurityOpts(service: ServiceModel): SecurityOpt[] {
  return items(service, 'security_opt').filter(i => i.text !== null).map(item => {
    const m = /^([^:=]+)[:=](.*)$/.exec(item.text!.trim());
    return m ? { name: m[1].trim().toLowerCase(), value: m[2].trim(), item } : { name: item.text!.trim().toLowerCase(), value: null, item };
  });
}

/** A capability name folded: `cap_sys_admin` → `SYS_ADMIN`. */
export function capName(text: string): string {
  return text.trim().toUpperCase().replace(/^CAP_/, '');
}

export function capabilities(service: ServiceModel, key: 'cap_add' | 'cap_drop'): Array<{ name: string; item: Item }> {
  return items(service, key).filter(i => i.text !== null).map(item => ({ name: capName(item.text!), item }));
}

export interface EnvEntry { name: string; value: string | null; range: Range; file: ComposeFile; node: Node | null }

/** `environment:` (or another key of the same shape) as a map or a `KEY=value` list. */
export function envEntries(file: ComposeFile, node: Node | null): EnvEntry[] {
  const out: EnvEntry[] = [];
  const map = asMap(file, node);
  if (map) {
    for (const p of map.items) {
      const name = keyName(p);
      if (name) out.push({ name, value: scalarText(file, p.value), range: nodeRange(file, (p.value ?? p.key) as Node), file, node: p.value as Node | null });
    }
    return out;
  }
  const seq = asSeq(file, node);
  for (const it of seq?.items ?? []) {
    const t = scalarText(file, it);
    if (t === null) continue;
    const eq = t.indexOf('=');
    out.push({ name: eq < 0 ? t : t.slice(0, eq), value: eq < 0 ? null : t.slice(eq + 1), range: nodeRange(file, it as Node), file, node: it as Node });
  }
  return out;
}

export function environment(service: ServiceModel): EnvEntry[] {
  return (service.keys.get('environment') ?? []).flatMap(l => envEntries(l.file, l.node));
}

