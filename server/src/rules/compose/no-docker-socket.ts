import { defineComposeRule } from '../../engine/rule';
import { hostMounts } from '../../engine/compose/mounts';
import { runtimeSocket } from '../../engine/knowledge/host-paths';

export default defineComposeRule({
  id: 'compose/no-docker-socket',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D04'],
  cwe: 'CWE-250',
  peers: ['KICS docker_socket_mounted_in_container', 'Semgrep exposing-docker-socket-volume', 'compose-lint CL-0001'],
  docs: {
    summary: 'The service mounts the container runtime\'s socket (docker.sock, containerd.sock, podman.sock, crio.sock).',
    why: 'Whoever can talk to the Docker socket can start a privileged container that mounts the host\'s `/` — it is root on the host without any exploit. A read-only mount (`:ro`) does not help: it stops writes to the socket file, not the API calls sent through it. Mounting `/var/run` or `/run` hands over the socket just the same.',
    fix: 'Remove the mount. A tool that needs the Docker API (a reverse proxy reading labels, a CI runner) should go through a filtering proxy that allows only the calls it needs (e.g. tecnativa/docker-socket-proxy with everything but `CONTAINERS=1` off), or use rootless Docker. No automatic fix: the service would stop working.',
    invalid: ['services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n'],
    valid: ['services:\n  proxy:\n    image: traefik:v3.1\n    environment:\n      DOCKER_HOST: tcp://socket-proxy:2375\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D04 Secure Defaults and Hardening', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: protect the Docker daemon socket', url: 'https://docs.docker.com/engine/security/protect-access/' },
      { title: 'CIS Docker Benchmark 5.31: the Docker socket is not mounted inside any containers', url: 'https://www.cisecurity.org/benchmark/docker' },
    ],
    whenNotToUse: 'Tools whose whole purpose is to manage the host\'s containers (Portainer, Watchtower, a CI runner on a dedicated host). Suppress with the reason, so the exception is visible.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      for (const m of hostMounts(ctx.model, service)) {
        const socket = runtimeSocket(m.hostPath);
        if (!socket) continue;
        const via = m.volume ? ` through volume '${m.volume}'` : '';
        ctx.report({
          service, at: m.at,
          message: `Service '${service.name}' mounts ${socket}${socket.includes(m.hostPath) ? '' : ` (${m.hostPath})`}${via}: control of the container runtime is root on the host, read-only or not. Remove the mount, or use a filtering socket proxy.`,
        });
      }
    }
  },
});
