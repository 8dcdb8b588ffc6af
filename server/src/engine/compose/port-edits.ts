// Published ports seen from the network: which listen on every host interface, and the edit that binds
// one to 127.0.0.1 in the syntax it was written in.
import { PortMapping } from './values';
import { ServiceModel } from './model';
import { hostMode } from './mounts';
import { asMap, isMap } from './document';
import { replaceScalar, setMapValue } from './edits';
import { TextEdit } from '../types';

/** True when the mapping listens on every interface of the host: no host IP, 0.0.0.0 or ::. */
export function onAllInterfaces(p: PortMapping): boolean {
  const ip = p.hostIp?.trim().replace(/^\[|\]$/g, '') ?? '';
  return ip === '' || ip === '0.0.0.0' || ip === '::';
}

/** Ports are ignored with `network_mode: host` (compose-lint and Compose itself warn about it instead). */
export function publishesPorts(service: ServiceModel): boolean {
  return hostMode(service, 'network_mode') === null;
}

/** `8080:80` → `127.0.0.1:8080:80`, `80` → `127.0.0.1::80`, `0.0.0.0:80:80` → `127.0.0.1:80:80`; long form: `host_ip: 127.0.0.1`. */
export function bindToLocalhostEdit(p: PortMapping, ip = '127.0.0.1'): TextEdit | null {
  const { item } = p;
  if (!item.node) return null;
  const map = asMap(item.file, item.node);
  if (map) return isMap(item.node) && !map.flow ? setMapValue(item.file, map, 'host_ip', ip) : null;
  if (item.text === null) return null;
  let spec = item.text.trim();
  const v6 = /^\[[^\]]*\]:(.*)$/.exec(spec);
  if (v6) return replaceScalar(item.file, item.node, `${ip}:${v6[1]}`);
  const slash = spec.indexOf('/');
  const proto = slash >= 0 ? spec.slice(slash) : '';
  spec = slash >= 0 ? spec.slice(0, slash) : spec;
  const parts = spec.split(':');
  if (parts.length === 1) return replaceScalar(item.file, item.node, `${ip}::${spec}${proto}`);
  if (parts.length === 2) return replaceScalar(item.file, item.node, `${ip}:${spec}${proto}`);
  if (parts.length === 3) return replaceScalar(item.file, item.node, `${ip}:${parts[1]}:${parts[2]}${proto}`);
  return null;
}
