import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { limitSettings, effectiveLimit, replaceLimit, isUnlimited } from '../../engine/compose/limits';
import { addToMap } from '../../engine/compose/edits';

const PIDS = '200';

export default defineComposeRule({
  id: 'compose/require-pids-limit',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D07'],
  cwe: 'CWE-770',
  peers: ['KICS pids_limit_not_set'],
  fix: { safety: 'unsafe', description: `add \`pids_limit: ${PIDS}\` (or replace an unlimited -1)` },
  docs: {
    summary: 'The service has no limit on the number of processes.',
    why: 'Without a PID limit one container can fork until the host\'s process table is full (a fork bomb, or a bug that spawns workers in a loop). Then no container and no host service can start a process: it is a denial of service of the whole host from inside one container.',
    fix: `Set \`pids_limit\` (or \`deploy.resources.limits.pids\`) to a bound well above what the service needs: most services run fewer than 100 processes and threads; the quick fix writes ${PIDS}. \`-1\` and \`0\` mean unlimited.`,
    invalid: ['services:\n  web:\n    image: nginx:1.27\n', 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: -1\n'],
    valid: [
      'services:\n  web:\n    image: nginx:1.27\n    pids_limit: 100\n',
      'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          pids: 100\n',
    ],
    references: [
      owaspRef('D07'),
      { title: 'Compose file reference: pids_limit', url: 'https://docs.docker.com/reference/compose-file/services/#pids_limit' },
      { title: 'Docker run reference: --pids-limit', url: 'https://docs.docker.com/reference/cli/docker/container/run/#pids-limit' },
    ],
    whenNotToUse: 'When the daemon sets a default PID limit for every container (`default-pids-limit` in daemon.json) that suits this service.',
    differences: 'A missing limit is reported on the service name, as KICS does; `-1` and `0` are reported on the value.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (effectiveLimit(service, 'pids')) continue;
      const unlimited = limitSettings(service, 'pids').find(s => isUnlimited(s.text));
      if (unlimited) {
        ctx.report({
          service, at: unlimited.located,
          message: `Service '${service.name}' sets its PID limit to ${unlimited.text ?? 'nothing'}, which is unlimited: a fork bomb in it can exhaust the host's process table. Set a bound such as ${PIDS}.`,
          fixes: () => {
            const edit = replaceLimit(ctx.model.file, unlimited, PIDS);
            return edit ? [{ title: `Set the PID limit to ${PIDS}`, safety: 'unsafe', edits: [edit] }] : [];
          },
        });
        continue;
      }
      ctx.report({
        service, at: { file: service.file, range: service.nameRange },
        message: `Service '${service.name}' has no pids_limit: a fork bomb or runaway worker pool in it can exhaust the host's process table. Add pids_limit: ${PIDS}.`,
        fixes: () => {
          const edit = service.file === ctx.model.file ? addToMap(service.file, service.map, [`pids_limit: ${PIDS}`]) : null;
          return edit ? [{ title: `Add pids_limit: ${PIDS}`, safety: 'unsafe', edits: [edit] }] : [];
        },
      });
    }
  },
});
