import { defineComposeRule } from '../../engine/rule';
import { reportHostMode } from './host-namespace';

export default defineComposeRule({
  id: 'compose/no-host-userns',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D01'],
  cwe: 'CWE-250',
  peers: ['KICS shared_host_user_namespace', 'compose-lint CL-0010'],
  fix: { safety: 'unsafe', description: 'remove `userns_mode: host`' },
  docs: {
    summary: 'The service opts out of user-namespace remapping (`userns_mode: host`).',
    why: 'When the daemon remaps users (userns-remap), uid 0 in a container is an unprivileged uid on the host. `userns_mode: host` turns that off for this service: its root is the host\'s root again, so any escape or writable host mount is a full host compromise.',
    fix: 'Remove `userns_mode: host` and make the service work under the remapping (fix volume ownership for the remapped uid range).',
    invalid: ['services:\n  app:\n    image: nginx:1.27\n    userns_mode: host\n'],
    valid: ['services:\n  app:\n    image: nginx:1.27\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D01 Secure User Mapping', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: isolate containers with a user namespace', url: 'https://docs.docker.com/engine/security/userns-remap/' },
    ],
  },
  check(ctx) {
    reportHostMode(ctx, 'userns_mode', service => `Service '${service.name}' disables user-namespace remapping (userns_mode: host): root in the container is root on the host. Remove userns_mode: host.`, 'Remove userns_mode: host');
  },
});
