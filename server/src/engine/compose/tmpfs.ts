// tmpfs mounts in all three forms: `tmpfs: /tmp`, `tmpfs: [/run, "/tmp:size=64m,noexec"]` and a long-form
// volume `type: tmpfs` (which can set only size and mode).
import { ServiceModel, Item, items } from './model';
import { volumes } from './values';

export interface TmpfsMount {
  path: string;
  /** mount options written after the path (`size=64m`, `noexec`, …); none for the long volume form */
  options: string[];
  item: Item;
  syntax: 'tmpfs' | 'volume';
}

export function tmpfsMounts(service: ServiceModel): TmpfsMount[] {
  const out: TmpfsMount[] = [];
  for (const item of items(service, 'tmpfs')) {
    if (item.text === null || item.text.trim() === '') continue;
    const text = item.text.trim();
    const colon = text.indexOf(':');
    const path = colon < 0 ? text : text.slice(0, colon);
    const options = colon < 0 ? [] : text.slice(colon + 1).split(',').map(o => o.trim()).filter(Boolean);
    out.push({ path, options, item, syntax: 'tmpfs' });
  }
  for (const v of volumes(service)) {
    if (v.type === 'tmpfs' && v.target) out.push({ path: v.target, options: [], item: v.item, syntax: 'volume' });
  }
  return out;
}

/** Paths the container can write to although the root filesystem is read-only: tmpfs and volume targets. */
export function writableMountPaths(service: ServiceModel): Set<string> {
  const out = new Set<string>(tmpfsMounts(service).map(t => t.path.replace(/\/+$/, '') || '/'));
  for (const v of volumes(service)) if (v.target && !v.readOnly) out.add(v.target.replace(/\/+$/, '') || '/');
  return out;
}
