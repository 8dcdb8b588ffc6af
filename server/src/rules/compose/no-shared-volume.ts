import { defineComposeRule } from '../../engine/rule';
import { volumes, VolumeMount } from '../../engine/compose/values';
import { joinPath, dirOf } from '../../engine/compose/paths';
import { normalHostPath } from '../../engine/knowledge/host-paths';

export default defineComposeRule({
  id: 'compose/no-shared-volume',
  target: 'compose',
  severity: 'info',
  defaultOn: false,
  owasp: ['D05'],
  cwe: 'CWE-668',
  peers: ['KICS shared_volumes_between_containers'],
  docs: {
    summary: 'A service writes to a named volume (or host directory) that another service also mounts.',
    why: 'A volume that several services can write is a path between them: a compromised service can plant files the other one reads, executes or serves (uploads, templates, plugins, cached code). Each service\'s security context ends where the shared volume begins.',
    fix: 'Give each service its own volume, and pass data between services over the network (an API, a queue). Where one service must hand files to another, mount the volume read-only (`:ro`) in the consumer and treat what it reads there as untrusted input.',
    invalid: ['services:\n  app:\n    image: php:8.3-fpm\n    volumes:\n      - uploads:/var/www/uploads\n  worker:\n    image: php:8.3-cli\n    volumes:\n      - uploads:/uploads:ro\nvolumes:\n  uploads:\n'],
    valid: ['services:\n  app:\n    image: php:8.3-fpm\n    volumes:\n      - uploads:/var/www/uploads\n  worker:\n    image: php:8.3-cli\n    volumes:\n      - jobs:/jobs\nvolumes:\n  uploads:\n  jobs:\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D05 Maintain Security Contexts', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Compose file reference: volumes', url: 'https://docs.docker.com/reference/compose-file/services/#volumes' },
    ],
    whenNotToUse: 'Services designed as one unit that exchange files on purpose (an app and its sidecar). This rule is off by default for that reason.',
    differences: 'Like KICS, a host directory bound by two services counts as shared too. Each writable mount of a shared volume is reported; read-only mounts are not, since they cannot plant anything.',
  },
  check(ctx) {
    const groups = new Map<string, Array<{ service: string; mount: VolumeMount }>>();
    for (const service of ctx.model.services) {
      for (const v of volumes(service)) {
        if (!v.source || (v.type !== 'volume' && v.type !== 'bind')) continue;
        const key = v.type === 'volume' ? `volume:${v.source}` : `bind:${normalHostPath(joinPath(dirOf(v.item.file.path), v.source))}`;
        const list = groups.get(key) ?? [];
        list.push({ service: service.name, mount: v });
        groups.set(key, list);
      }
    }
    for (const list of groups.values()) {
      const names = [...new Set(list.map(l => l.service))];
      if (names.length < 2) continue;
      for (const { service, mount } of list) {
        if (mount.readOnly) continue; // a read-only mount cannot plant anything
        const s = ctx.model.services.find(x => x.name === service)!;
        const others = names.filter(n => n !== service).join(', ');
        ctx.report({
          service: s, at: mount.item,
          message: `Service '${service}' mounts ${mount.type === 'volume' ? `volume '${mount.source}'` : `host directory ${mount.source}`} writable, and ${others} also mount${names.length > 2 ? '' : 's'} it: a compromise of '${service}' can plant files the other service${names.length > 2 ? 's' : ''} read or run. Give each service its own volume, or mount it read-only where a service only reads.`,
        });
      }
    }
  },
});
