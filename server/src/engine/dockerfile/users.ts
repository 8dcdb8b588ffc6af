// Reads user and group creation out of RUN commands: useradd/adduser (shadow-utils, Debian's adduser,
// BusyBox's adduser) and groupadd/addgroup, so fixes can reuse a user the file already creates.
import { ShellCommand, effectiveWords, programName } from './shell';

export interface CreatedAccount {
  kind: 'user' | 'group';
  name: string;
  id: number | null;
  /** for users: the primary group named with -g/--gid/-G/--ingroup, when given */
  group: string | null;
  /** 0-based line of the RUN */
  line: number;
}

// option → takes a value? per tool; unknown options are assumed to take no value
const USERADD_VALUED = new Set(['-u', '--uid', '-g', '--gid', '-G', '--groups', '-d', '--home-dir', '--home', '-s', '--shell', '-c',
  '--comment', '-k', '--skel', '-e', '--expiredate', '-f', '--inactive', '-K', '--key', '-p', '--password', '-b', '--base-dir',
  '-R', '--root', '-P', '--prefix', '-Z', '--selinux-user', '--firstuid', '--lastuid', '--ingroup', '--gecos', '--add_extra_groups', '--conf']);
const BUSYBOX_ADDUSER_VALUED = new Set(['-h', '-g', '-s', '-G', '-k', '-u']);
const GROUPADD_VALUED = new Set(['-g', '--gid', '-K', '--key', '-p', '--password', '-R', '--root', '-P', '--prefix', '--conf']);

function numeric(v: string | undefined): number | null {
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
}

export function accountsCreatedBy(cmd: ShellCommand, line: number): CreatedAccount[] {
  const prog = programName(cmd);
  const words = effectiveWords(cmd).slice(1).map(w => w.value);
  if (prog === 'useradd' || prog === 'adduser') {
    // BusyBox adduser uses short options only, with -G for the group and -g for GECOS
    const busybox = prog === 'adduser' && words.some(w => /^-[DSH]+$/.test(w)) && !words.some(w => w.startsWith('--'));
    const valued = busybox ? BUSYBOX_ADDUSER_VALUED : USERADD_VALUED;
    const opts = new Map<string, string>();
    const positional: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w.startsWith('--') && w.includes('=')) { const [k, v] = w.split(/=(.*)/s); opts.set(k, v); continue; }
      if (w.startsWith('-') && w.length > 1) {
        if (valued.has(w)) { opts.set(w, words[i + 1] ?? ''); i++; }
        else if (/^-[a-zA-Z]{2,}$/.test(w) && valued.has('-' + w[w.length - 1])) { opts.set('-' + w[w.length - 1], words[i + 1] ?? ''); i++; }
        else opts.set(w, '');
        continue;
      }
      positional.push(w);
    }
    const name = positional[0];
    if (!name || !/^[a-z_][a-z0-9_.-]*\$?$/i.test(name)) return [];
    const uid = numeric(opts.get('-u') ?? opts.get('--uid'));
    const group = busybox ? opts.get('-G') ?? positional[1] ?? null
      : opts.get('-g') ?? opts.get('--gid') ?? opts.get('--ingroup') ?? (prog === 'adduser' ? positional[1] ?? null : null);
    return [{ kind: 'user', name, id: uid, group, line }];
  }
  if (prog === 'groupadd' || prog === 'addgroup') {
    const positional: string[] = [];
    let gid: number | null = null;
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w === '-g' || w === '--gid') { gid = numeric(words[++i]); continue; }
      if (w.startsWith('--gid=')) { gid = numeric(w.slice(6)); continue; }
      if (GROUPADD_VALUED.has(w)) { i++; continue; }
      if (w.startsWith('-')) continue;
      positional.push(w);
    }
    // `addgroup user group` (both Debian and BusyBox) adds a user to a group; it creates nothing
    if (positional.length !== 1) return [];
    return [{ kind: 'group', name: positional[0], id: gid, group: null, line }];
  }
  return [];
}
