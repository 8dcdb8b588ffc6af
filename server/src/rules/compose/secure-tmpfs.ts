import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { tmpfsMounts } from '../../engine/compose/tmpfs';
import { replaceScalar } from '../../engine/compose/edits';

const SECURE = ['noexec', 'nosuid', 'nodev'];
const WEAK: Record<string, string> = { exec: 'noexec', suid: 'nosuid', dev: 'nodev' };

export default defineComposeRule({
  id: 'compose/secure-tmpfs',
  target: 'compose',
  severity: 'info',
  defaultOn: false,
  owasp: ['D09'],
  cwe: 'CWE-732',
  peers: ['compose-lint CL-0022'],
  fix: { safety: 'safe', description: 'append the missing noexec, nosuid and nodev options to the tmpfs entry' },
  docs: {
    summary: 'A tmpfs mount does not say `noexec,nosuid,nodev`, or turns one of them off.',
    why: 'A writable tmpfs is where an attacker drops a payload in a read-only container. `noexec` stops binaries written there from running, `nosuid` stops setuid files there from raising privileges, and `nodev` stops device files there from opening host devices. Docker and Podman apply these three by default to `tmpfs:` entries, but an entry that says `exec`, `suid` or `dev` turns them off, and writing them explicitly keeps them when the file is used by a runtime or a later edit that does not.',
    fix: 'Write the options after the path: `tmpfs: ["/tmp:noexec,nosuid,nodev,size=64m"]`. If a program really must execute from the tmpfs, give it its own narrowly scoped mount and document why.',
    invalid: ['services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp:exec\n'],
    valid: ['services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp:noexec,nosuid,nodev,size=64m\n'],
    references: [
      owaspRef('D09'),
      { title: 'Compose file reference: tmpfs', url: 'https://docs.docker.com/reference/compose-file/services/#tmpfs' },
      { title: 'Docker: tmpfs mounts', url: 'https://docs.docker.com/engine/storage/tmpfs/' },
      { title: 'mount(8): filesystem-independent mount options', url: 'https://man7.org/linux/man-pages/man8/mount.8.html' },
    ],
    whenNotToUse: 'When a tool must execute from its scratch space (some JIT compilers and installers do) and that mount is the only one allowed to.',
    differences: 'Long-form volumes with `type: tmpfs` are not reported: that syntax can set only `size` and `mode`, and Docker mounts them noexec,nosuid,nodev by default. The quick fix only adds missing options; an entry that explicitly says `exec`, `suid` or `dev` is reported without a fix, since removing it changes what the service can do.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      for (const mount of tmpfsMounts(service)) {
        if (mount.syntax !== 'tmpfs') continue;
        const opts = mount.options.map(o => o.toLowerCase());
        const weakened = opts.filter(o => WEAK[o]);
        const missing = SECURE.filter(s => !opts.includes(s));
        if (!weakened.length && !missing.length) continue;
        if (weakened.length) {
          ctx.report({
            service, at: mount.item,
            message: `tmpfs ${mount.path} of service '${service.name}' is mounted with ${weakened.join(',')}: files written there can ${weakened.map(w => w === 'exec' ? 'run as programs' : w === 'suid' ? 'raise privileges' : 'open devices').join(' and ')}. Use ${weakened.map(w => WEAK[w]).join(',')} unless the service really needs it.`,
          });
          continue;
        }
        ctx.report({
          service, at: mount.item,
          message: `tmpfs ${mount.path} of service '${service.name}' does not say ${missing.join(',')}: a payload written there could ${missing.map(m => m === 'noexec' ? 'be executed' : m === 'nosuid' ? 'use setuid bits' : 'open device files').join(' or ')} on a runtime without these defaults. Add the options.`,
          fixes: () => {
            const node = mount.item.node;
            if (mount.item.file !== ctx.model.file || !node) return [];
            const edit = replaceScalar(ctx.model.file, node, `${mount.path}:${[...mount.options, ...missing].join(',')}`);
            return edit ? [{ title: `Mount ${mount.path} with ${missing.join(',')}`, safety: 'safe', edits: [edit] }] : [];
          },
        });
      }
    }
  },
});
