import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { limitSettings, effectiveLimit, missingLimitAnchor, addLimit, replaceLimit, isUnlimited } from '../../engine/compose/limits';

const CPUS = '"1.0"';

export default defineComposeRule({
  id: 'compose/require-cpu-limit',
  target: 'compose',
  severity: 'info',
  defaultOn: true,
  owasp: ['D07'],
  cwe: 'CWE-770',
  peers: ['KICS cpus_not_limited', 'compose-lint CL-0026'],
  fix: { safety: 'unsafe', description: 'add a CPU limit (1.0) in deploy.resources.limits, or as cpus where the service already uses service-level limits' },
  docs: {
    summary: 'The service has no CPU limit.',
    why: 'Without a CPU limit a busy or compromised container (a crypto miner, a request flood, a busy loop) can use every core of the host and starve the other containers and the host\'s own services.',
    fix: 'Set `deploy.resources.limits.cpus` (or the service key `cpus`) to the number of cores the service may use, e.g. `"0.5"`. The quick fix writes `"1.0"`, which you should adjust.',
    invalid: ['services:\n  web:\n    image: nginx:1.27\n'],
    valid: [
      'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n',
      'services:\n  web:\n    image: nginx:1.27\n    cpus: 0.5\n',
    ],
    references: [
      owaspRef('D07'),
      { title: 'Compose file reference: deploy resources', url: 'https://docs.docker.com/reference/compose-file/deploy/#resources' },
      { title: 'Compose file reference: cpus', url: 'https://docs.docker.com/reference/compose-file/services/#cpus' },
      { title: 'Docker: resource constraints', url: 'https://docs.docker.com/engine/containers/resource_constraints/' },
    ],
    whenNotToUse: 'When CPU is shared out elsewhere (a cgroup the whole stack runs in, `cpu_shares` weights you rely on, an orchestrator policy).',
    differences: 'Like KICS, a missing limit is reported on the deepest of `deploy.resources.limits`, `deploy.resources` and `deploy` that exists, else on the service name. `0` counts as no limit. When `deploy:` is present but empty, KICS reports twice (the service and `deploy`); Shipshape reports once, on `deploy`.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (effectiveLimit(service, 'cpus')) continue;
      const unlimited = limitSettings(service, 'cpus').find(s => isUnlimited(s.text));
      if (unlimited) {
        ctx.report({
          service, at: unlimited.located,
          message: `Service '${service.name}' sets cpus to ${unlimited.text ?? 'nothing'}, which is no limit: it can take every core of the host. Set the number of cores it may use.`,
          fixes: () => {
            const edit = replaceLimit(ctx.model.file, unlimited, '1.0');
            return edit ? [{ title: 'Set the CPU limit to 1.0', safety: 'unsafe', edits: [edit] }] : [];
          },
        });
        continue;
      }
      ctx.report({
        service, at: missingLimitAnchor(service),
        message: `Service '${service.name}' has no CPU limit: a busy or compromised container can take every core of the host. Add deploy.resources.limits.cpus (or cpus).`,
        fixes: () => {
          const edit = addLimit(ctx.model.file, service, 'cpus', CPUS, CPUS);
          return edit ? [{ title: 'Add a CPU limit of 1.0 (adjust to the service\'s needs)', safety: 'unsafe', edits: [edit] }] : [];
        },
      });
    }
  },
});
