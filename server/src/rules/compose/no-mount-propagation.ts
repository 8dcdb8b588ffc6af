import { defineComposeRule } from '../../engine/rule';
import { volumes } from '../../engine/compose/values';
import { asMap, nodeRange, deref } from '../../engine/compose/document';

const SHARING = /^r?(shared|slave)$/;

export default defineComposeRule({
  id: 'compose/no-mount-propagation',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D05'],
  cwe: 'CWE-668',
  peers: ['KICS volume_mounted_in_multiple_containers', 'compose-lint CL-0017'],
  docs: {
    summary: 'A bind mount uses shared or slave propagation (`shared`, `rshared`, `slave`, `rslave`).',
    why: 'With the default `rprivate` propagation, mounts made on either side stay on that side. With `shared`, mounts the container makes under the path appear on the host (and in every other container sharing it) — a container with mount rights can plant a filesystem over a host path. With `slave`, the host\'s later mounts (a USB disk, another container\'s volume) appear inside the container. Either way the container and the host stop having separate views of the file system.',
    fix: 'Remove the propagation option (the default is `rprivate`), or set `propagation: rprivate` / `:rprivate`. Only storage drivers and CSI-style plugins need shared propagation.',
    invalid: ['services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - /srv/data:/data:rshared\n'],
    valid: ['services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - type: bind\n        source: /srv/data\n        target: /data\n        bind:\n          propagation: rprivate\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D05 Maintain Security Contexts', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: bind propagation', url: 'https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation' },
      { title: 'CIS Docker Benchmark 5.19: mount propagation mode is not set to shared', url: 'https://www.cisecurity.org/benchmark/docker' },
    ],
    whenNotToUse: 'Storage plugins and mount helpers (rclone, a CSI node driver) whose job is to publish mounts to the host.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      for (const v of volumes(service)) {
        if (!v.propagation || !SHARING.test(v.propagation.trim().toLowerCase())) continue;
        // long syntax: point at the `propagation:` value itself
        const bind = asMap(v.item.file, asMap(v.item.file, v.item.node)?.get('bind', true));
        const node = bind ? deref(v.item.file, bind.get('propagation', true)) : null;
        const at = node ? { file: v.item.file, range: nodeRange(v.item.file, node) } : v.item;
        ctx.report({
          service, at,
          message: `Service '${service.name}' mounts ${v.source ?? 'a path'} with ${v.propagation} propagation: mounts cross between the container and the host. Use the default (rprivate).`,
        });
      }
    }
  },
});
