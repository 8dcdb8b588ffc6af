import { defineComposeRule } from '../../engine/rule';
import { get, isTrueValue } from '../../engine/compose/model';
import { removePair } from '../../engine/compose/edits';

export default defineComposeRule({
  id: 'compose/no-privileged',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D01', 'D04'],
  cwe: 'CWE-250',
  peers: ['KICS privileged_containers_enabled', 'Semgrep privileged-service', 'compose-lint CL-0002'],
  fix: { safety: 'unsafe', description: 'remove `privileged: true` (add back only the capabilities the service needs with cap_add)' },
  docs: {
    summary: 'The service runs privileged.',
    why: '`privileged: true` gives the container every capability, every host device under /dev, writable /sys and no seccomp or AppArmor confinement. A process in it can load kernel modules or mount the host\'s disks: escaping to the host is a matter of a few commands. It is the opposite of secure user mapping.',
    fix: 'Remove `privileged: true`. If the service needs one specific power, grant only that: `cap_add: [NET_ADMIN]`, a single `devices:` entry, or a custom seccomp profile.',
    invalid: ['services:\n  web:\n    image: nginx:1.27\n    privileged: true\n'],
    valid: ['services:\n  web:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D01 Secure User Mapping', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: runtime privilege and Linux capabilities', url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const p = get(service, 'privileged');
      if (!p || !isTrueValue(p)) continue;
      ctx.report({
        service, at: p,
        message: `Service '${service.name}' runs privileged: every capability, every host device, no seccomp/AppArmor. Remove it and grant only the capability it needs with cap_add.`,
        fixes: () => {
          const edit = p.map && p.pair ? removePair(p.file, p.map, p.pair) : null;
          return edit ? [{ title: 'Remove privileged: true', safety: 'unsafe', edits: [edit] }] : [];
        },
      });
    }
  },
});
