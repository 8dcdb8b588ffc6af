import { defineComposeRule } from '../../engine/rule';
import { get } from '../../engine/compose/model';
import { scalarText } from '../../engine/compose/document';

const KEYS = ['pid', 'ipc', 'network_mode'] as const;
const WHAT: Record<(typeof KEYS)[number], string> = {
  pid: 'process namespace (it can see, signal and — with SYS_PTRACE — trace the other\'s processes)',
  ipc: 'IPC namespace (shared memory and message queues)',
  network_mode: 'network namespace (its localhost-only ports, and the traffic on its interfaces)',
};

export default defineComposeRule({
  id: 'compose/no-shared-namespace',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D05'],
  cwe: 'CWE-653',
  peers: [],
  docs: {
    summary: 'The service joins another service\'s or container\'s namespace (`pid`, `ipc` or `network_mode` set to `service:…` or `container:…`).',
    why: 'Joining another container\'s namespace removes the wall between the two: a shared PID namespace lets one see, signal and trace the other\'s processes (and read their environment); a shared network namespace gives access to ports the other binds on localhost only (admin endpoints, debug ports); a shared IPC namespace shares its memory segments. A compromise of either is a compromise of both.',
    fix: 'Remove the key and let the services talk over a compose network. Keep the sharing only for a sidecar that truly needs it (a debugger, a VPN client whose network another service uses), and suppress it there with the reason.',
    invalid: ['services:\n  app:\n    image: nginx:1.27\n  debug:\n    image: busybox:1.36\n    pid: "service:app"\n'],
    valid: ['services:\n  app:\n    image: nginx:1.27\n  debug:\n    image: busybox:1.36\n    networks: [default]\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D05 Maintain Security Contexts', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Compose file reference: network_mode', url: 'https://docs.docker.com/reference/compose-file/services/#network_mode' },
      { title: 'Compose file reference: pid', url: 'https://docs.docker.com/reference/compose-file/services/#pid' },
    ],
    whenNotToUse: 'Sidecar patterns built on purpose: a VPN container whose network the downloader uses, a debugging container attached for a session.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      for (const key of KEYS) {
        const l = get(service, key);
        const value = l ? scalarText(l.file, l.node)?.trim() ?? '' : '';
        const m = /^(service|container):(.+)$/.exec(value);
        if (!l || !m) continue;
        ctx.report({
          service, at: l,
          message: `Service '${service.name}' joins the ${WHAT[key]} of ${m[1]} '${m[2]}' (${key}: ${value}): a compromise of either reaches the other. Remove ${key} and connect the services over a network.`,
        });
      }
    }
  },
});
