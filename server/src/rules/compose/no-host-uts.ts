import { defineComposeRule } from '../../engine/rule';
import { reportHostMode } from './host-namespace';

export default defineComposeRule({
  id: 'compose/no-host-uts',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D04'],
  cwe: 'CWE-653',
  peers: ['compose-lint CL-0010'],
  fix: { safety: 'unsafe', description: 'remove `uts: host`' },
  docs: {
    summary: 'The service shares the host\'s UTS namespace (`uts: host`).',
    why: 'With `uts: host` the container uses the host\'s hostname and domain name, and a process with SYS_ADMIN can change the host\'s hostname. It also tells software in the container it is on the host, which some tools use to decide what they may touch.',
    fix: 'Remove `uts: host`; set `hostname:` if the service needs a particular name.',
    invalid: ['services:\n  app:\n    image: nginx:1.27\n    uts: host\n'],
    valid: ['services:\n  app:\n    image: nginx:1.27\n    hostname: app\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D04 Secure Defaults and Hardening', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Compose file reference: uts', url: 'https://docs.docker.com/reference/compose-file/services/#uts' },
    ],
  },
  check(ctx) {
    reportHostMode(ctx, 'uts', service => `Service '${service.name}' shares the host's UTS namespace (uts: host): it sees, and with SYS_ADMIN can change, the host's hostname. Remove uts: host (use hostname: instead).`, 'Remove uts: host');
  },
});
