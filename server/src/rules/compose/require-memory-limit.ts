import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { limitSettings, effectiveLimit, missingLimitAnchor, addLimit, replaceLimit, isUnlimited } from '../../engine/compose/limits';

const DEPLOY_VALUE = '512M';
const SERVICE_VALUE = '512m';

export default defineComposeRule({
  id: 'compose/require-memory-limit',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D07'],
  cwe: 'CWE-770',
  peers: ['KICS memory_not_limited', 'compose-lint CL-0026'],
  fix: { safety: 'unsafe', description: `add a memory limit (${DEPLOY_VALUE}) in deploy.resources.limits, or as mem_limit where the service already uses service-level limits` },
  docs: {
    summary: 'The service has no memory limit.',
    why: 'A container without a memory limit can take all the host\'s memory: a leak, a large request or an attacker\'s payload then makes the kernel\'s OOM killer pick processes across the whole host, other containers and the Docker daemon included. One bad service takes the others down with it.',
    fix: 'Set `deploy.resources.limits.memory` (or the service key `mem_limit`) to what the service needs plus headroom. Measure with `docker stats` first: a limit below the working set makes the service itself get OOM-killed. The quick fix writes 512M, which you should adjust.',
    invalid: ['services:\n  web:\n    image: nginx:1.27\n'],
    valid: [
      'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 256M\n',
      'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n',
    ],
    references: [
      owaspRef('D07'),
      { title: 'Compose file reference: deploy resources', url: 'https://docs.docker.com/reference/compose-file/deploy/#resources' },
      { title: 'Compose file reference: mem_limit', url: 'https://docs.docker.com/reference/compose-file/services/#mem_limit' },
      { title: 'Docker: resource constraints', url: 'https://docs.docker.com/engine/containers/resource_constraints/' },
    ],
    whenNotToUse: 'When memory is capped outside Compose (a cgroup the whole stack runs in, a Swarm or Kubernetes policy that injects limits).',
    differences: 'Like KICS, a missing limit is reported on the deepest of `deploy.resources.limits`, `deploy.resources` and `deploy` that exists, else on the service name. `0` and `-1` count as no limit. When `deploy:` is present but empty, KICS reports twice (the service and `deploy`); Shipshape reports once, on `deploy`.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (effectiveLimit(service, 'memory')) continue;
      const unlimited = limitSettings(service, 'memory').find(s => isUnlimited(s.text));
      if (unlimited) {
        ctx.report({
          service, at: unlimited.located,
          message: `Service '${service.name}' sets its memory limit to ${unlimited.text ?? 'nothing'}, which is no limit: it can exhaust the host's memory and get other containers OOM-killed. Set a real limit such as ${DEPLOY_VALUE}.`,
          fixes: () => {
            const edit = replaceLimit(ctx.model.file, unlimited, unlimited.syntax === 'deploy' ? DEPLOY_VALUE : SERVICE_VALUE);
            return edit ? [{ title: `Set the memory limit to ${DEPLOY_VALUE}`, safety: 'unsafe', edits: [edit] }] : [];
          },
        });
        continue;
      }
      ctx.report({
        service, at: missingLimitAnchor(service),
        message: `Service '${service.name}' has no memory limit: it can exhaust the host's memory and get other containers OOM-killed. Add deploy.resources.limits.memory (or mem_limit).`,
        fixes: () => {
          const edit = addLimit(ctx.model.file, service, 'memory', DEPLOY_VALUE, SERVICE_VALUE);
          return edit ? [{ title: `Add a memory limit of ${DEPLOY_VALUE} (adjust to the service's needs)`, safety: 'unsafe', edits: [edit] }] : [];
        },
      });
    }
  },
});
