import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { get } from '../../engine/compose/model';
import { scalarText } from '../../engine/compose/document';

export default defineComposeRule({
  id: 'compose/no-cgroup-parent',
  target: 'compose',
  severity: 'info',
  defaultOn: false,
  owasp: ['D07'],
  cwe: 'CWE-400',
  peers: ['KICS cgroup_not_default'],
  docs: {
    summary: 'The service runs in a custom parent cgroup.',
    why: '`cgroup_parent` moves the container out of the cgroup Docker manages for it and into one configured on the host. The limits Compose sets (memory, CPU, PIDs) then sit under whatever that parent allows, and accounting and limits the operator relies on for Docker\'s containers no longer apply. It is rarely needed and easy to get wrong.',
    fix: 'Remove `cgroup_parent` and set the service\'s limits with `deploy.resources.limits` and `pids_limit`, unless the host deliberately provides that cgroup (a systemd slice with its own limits).',
    invalid: ['services:\n  app:\n    image: busybox:1.36\n    cgroup_parent: m-executor-abcd\n'],
    valid: ['services:\n  app:\n    image: busybox:1.36\n'],
    references: [
      owaspRef('D07'),
      { title: 'Compose file reference: cgroup_parent', url: 'https://docs.docker.com/reference/compose-file/services/#cgroup_parent' },
      { title: 'Docker run reference: --cgroup-parent', url: 'https://docs.docker.com/reference/cli/docker/container/run/#cgroup-parent' },
    ],
    whenNotToUse: 'On hosts where a systemd slice or a dedicated cgroup with its own limits is the way resources are shared out.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const parent = get(service, 'cgroup_parent');
      const value = parent ? scalarText(parent.file, parent.node) : null;
      if (!parent || value === null || value.trim() === '') continue;
      ctx.report({
        service, at: parent,
        message: `Service '${service.name}' runs in the custom parent cgroup '${value}': Docker's own resource controls for it are bypassed or capped by the host's. Remove cgroup_parent unless the host provides that cgroup on purpose.`,
      });
    }
  },
});
