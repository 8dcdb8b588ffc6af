import { defineComposeRule } from '../../engine/rule';
import { reportHostMode } from './host-namespace';

export default defineComposeRule({
  id: 'compose/no-host-pid',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D04', 'D05'],
  cwe: 'CWE-653',
  peers: ['KICS host_namespace_is_shared', 'compose-lint CL-0010'],
  fix: { safety: 'unsafe', description: 'remove `pid: host`' },
  docs: {
    summary: 'The service shares the host\'s process namespace (`pid: host`).',
    why: 'With `pid: host` the container sees every process on the host, can read their command lines and environments (often holding secrets), and — as root or with SYS_PTRACE — signal, trace or inject code into them. It removes one of the walls between the container and the host.',
    fix: 'Remove `pid: host`. A monitoring agent that truly needs host processes should run as a host service, or be suppressed here with the reason.',
    invalid: ['services:\n  app:\n    image: nginx:1.27\n    pid: host\n'],
    valid: ['services:\n  app:\n    image: nginx:1.27\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D05 Maintain Security Contexts', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Compose file reference: pid', url: 'https://docs.docker.com/reference/compose-file/services/#pid' },
    ],
    whenNotToUse: 'Host monitoring or debugging agents (node exporters, profilers) that are meant to see host processes.',
  },
  check(ctx) {
    reportHostMode(ctx, 'pid', service => `Service '${service.name}' shares the host's PID namespace (pid: host): it sees and, as root, can signal or trace every host process. Remove pid: host.`, 'Remove pid: host');
  },
});
