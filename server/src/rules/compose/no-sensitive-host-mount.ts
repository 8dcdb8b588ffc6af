import { defineComposeRule } from '../../engine/rule';
import { hostMounts, readOnlyEdit } from '../../engine/compose/mounts';
import { runtimeSocket, sensitiveHostPath } from '../../engine/knowledge/host-paths';

export default defineComposeRule({
  id: 'compose/no-sensitive-host-mount',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D04', 'D09'],
  cwe: 'CWE-668',
  peers: ['KICS volume_has_sensitive_host_directory', 'compose-lint CL-0013', 'compose-lint CL-0025'],
  fix: { safety: 'unsafe', description: 'mount it read-only: append `:ro` (short syntax) or set `read_only: true` (long syntax)' },
  docs: {
    summary: 'The service bind-mounts a sensitive host directory (`/`, /etc, /proc, /sys, /dev, /root, /usr, /var/lib/docker, …).',
    why: 'A writable bind of a host system directory lets the container change the host: add a user to /etc/passwd, drop a cron job or a systemd unit, replace a binary in /usr/bin, a kernel module in /lib. Some directories are dangerous even read-only: `/` and /root hold SSH keys and credentials, /proc exposes every host process\'s environment, device nodes under /dev stay writable on a read-only mount, /var/lib/docker holds every container\'s files.',
    fix: 'Mount only the file or subdirectory the service needs, read-only: `/etc/localtime:/etc/localtime:ro`, or in the long syntax `read_only: true`. Remove mounts of `/`, /proc, /dev, /root and /var/lib/docker; read-only does not make those safe, so no automatic fix is offered for them.',
    invalid: ['services:\n  agent:\n    image: alpine:3.20\n    volumes:\n      - /etc:/host/etc\n'],
    valid: ['services:\n  agent:\n    image: alpine:3.20\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - ./config:/app/config\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D04 Secure Defaults and Hardening', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'CIS Docker Benchmark 5.5: sensitive host system directories are not mounted on containers', url: 'https://www.cisecurity.org/benchmark/docker' },
      { title: 'Compose file reference: volumes', url: 'https://docs.docker.com/reference/compose-file/services/#volumes' },
    ],
    whenNotToUse: 'Host agents (node exporters, log shippers, backup tools) that are meant to read host directories: mount only what they read, read-only, and suppress the rest with the reason.',
    differences: 'KICS also flags a bare container path (`- /var/lib/backup/data`, an anonymous volume: nothing from the host is mounted), named volumes bound to any path under /var (`/var/lib/backup/data`, `/var/data`), and volumes that no service mounts. Shipshape judges only host paths a service actually mounts, and under /var only /var itself, /var/lib itself, /var/log and the container runtimes\' state — `/var/lib/<app>` data directories are ordinary. A named volume whose `local` driver binds a host directory (`driver_opts: {o: bind, device: …}`) is judged by that directory. Runtime sockets and /run are left to compose/no-docker-socket.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      for (const m of hostMounts(ctx.model, service)) {
        if (runtimeSocket(m.hostPath)) continue; // compose/no-docker-socket
        const sensitive = sensitiveHostPath(m.hostPath);
        if (!sensitive || (m.mount.readOnly && !sensitive.evenReadOnly)) continue;
        const via = m.volume ? ` through volume '${m.volume}'` : '';
        const mode = m.mount.readOnly ? 'read-only' : 'writable';
        const advice = sensitive.evenReadOnly
          ? 'Remove the mount: read-only does not make it safe.'
          : 'Mount only the file the service needs, read-only (:ro).';
        ctx.report({
          service, at: m.at,
          message: `Service '${service.name}' mounts host ${m.hostPath}${via} ${mode}: ${sensitive.what}. ${advice}`,
          ...(sensitive.evenReadOnly ? {} : {
            fixes: () => {
              const edit = m.mount.item.file === ctx.model.file ? readOnlyEdit(m.mount) : null;
              return edit ? [{ title: `Mount ${m.hostPath} read-only`, safety: 'unsafe' as const, edits: [edit] }] : [];
            },
          }),
        });
      }
    }
  },
});
