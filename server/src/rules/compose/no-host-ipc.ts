import { defineComposeRule } from '../../engine/rule';
import { reportHostMode } from './host-namespace';

export default defineComposeRule({
  id: 'compose/no-host-ipc',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D04', 'D05'],
  cwe: 'CWE-653',
  peers: ['KICS shared_host_ipc_namespace', 'compose-lint CL-0010'],
  fix: { safety: 'unsafe', description: 'remove `ipc: host`' },
  docs: {
    summary: 'The service shares the host\'s IPC namespace (`ipc: host`).',
    why: 'With `ipc: host` the container can read and write the host\'s shared memory segments, semaphores and message queues (/dev/shm included). Data other host processes keep there — database buffers, session data — is open to it, and it can corrupt them.',
    fix: 'Remove `ipc: host`. To share memory between two services, give one `ipc: shareable` and the other `ipc: "service:<name>"`.',
    invalid: ['services:\n  app:\n    image: nginx:1.27\n    ipc: host\n'],
    valid: ['services:\n  app:\n    image: nginx:1.27\n    ipc: shareable\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D05 Maintain Security Contexts', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Compose file reference: ipc', url: 'https://docs.docker.com/reference/compose-file/services/#ipc' },
    ],
  },
  check(ctx) {
    reportHostMode(ctx, 'ipc', service => `Service '${service.name}' shares the host's IPC namespace (ipc: host): host shared memory and message queues are readable and writable from the container. Remove ipc: host.`, 'Remove ipc: host');
  },
});
