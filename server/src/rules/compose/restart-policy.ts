import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { get, lookup } from '../../engine/compose/model';
import { scalarText } from '../../engine/compose/document';

const MAX_RETRIES = 5;

export default defineComposeRule({
  id: 'compose/restart-policy',
  target: 'compose',
  severity: 'info',
  defaultOn: false,
  owasp: ['D07'],
  cwe: 'CWE-400',
  peers: ['KICS restart_policy_on_failure_not_set_to_5'],
  docs: {
    summary: `An on-failure restart policy has no bound, or one above ${MAX_RETRIES}.`,
    why: 'A service that fails at start (bad configuration, a dependency down, an exploit that crashes it) and is restarted on failure without a bound loops for ever: each restart costs CPU, I/O and log volume, can hammer the dependencies, and hides the failure behind a container that seems to be "restarting".',
    fix: `Bound the retries: \`restart: on-failure:${MAX_RETRIES}\`, or \`deploy.restart_policy\` with \`condition: on-failure\` and \`max_attempts: ${MAX_RETRIES}\` (or fewer).`,
    invalid: ['services:\n  worker:\n    image: ghcr.io/acme/worker:2.1\n    restart: on-failure\n'],
    valid: [
      `services:\n  worker:\n    image: ghcr.io/acme/worker:2.1\n    restart: on-failure:${MAX_RETRIES}\n`,
      `services:\n  worker:\n    image: ghcr.io/acme/worker:2.1\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 3\n`,
    ],
    references: [
      owaspRef('D07'),
      { title: 'Compose file reference: restart', url: 'https://docs.docker.com/reference/compose-file/services/#restart' },
      { title: 'Compose deploy specification: restart_policy', url: 'https://docs.docker.com/reference/compose-file/deploy/#restart_policy' },
    ],
    whenNotToUse: 'For services that must come back whatever happens and are watched by monitoring that alerts on restarts.',
    differences: `KICS wants exactly ${MAX_RETRIES} retries and so reports \`on-failure:3\`; Shipshape reports only a missing bound or one above ${MAX_RETRIES}, since fewer retries loop less. \`restart: always\` / \`unless-stopped\` (and a deploy condition of \`any\`) are the normal choice for long-running services and are not reported: whether a service crash-loops cannot be seen in the file.`,
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const restart = get(service, 'restart');
      const value = restart ? scalarText(restart.file, restart.node)?.trim() ?? '' : '';
      const m = /^on-failure(?::(\d+))?$/i.exec(value);
      if (restart && m) {
        const count = m[1] === undefined ? null : Number(m[1]);
        if (count === null || count > MAX_RETRIES) {
          ctx.report({
            service, at: restart,
            message: count === null
              ? `Service '${service.name}' restarts on failure without a bound: a service that cannot start loops for ever. Use on-failure:${MAX_RETRIES}.`
              : `Service '${service.name}' restarts on failure up to ${count} times: a broken service keeps looping. Use on-failure:${MAX_RETRIES} or fewer.`,
          });
        }
      }
      const condition = lookup(service, ['deploy', 'restart_policy', 'condition']);
      if (!condition || scalarText(condition.file, condition.node)?.trim().toLowerCase() !== 'on-failure') continue;
      const attempts = lookup(service, ['deploy', 'restart_policy', 'max_attempts']);
      const text = attempts ? scalarText(attempts.file, attempts.node)?.trim() ?? '' : null;
      if (text === null) {
        ctx.report({ service, at: condition, message: `Service '${service.name}' restarts on failure (deploy.restart_policy) without max_attempts: a service that cannot start loops for ever. Add max_attempts: ${MAX_RETRIES}.` });
      } else if (/^\d+$/.test(text) && (Number(text) > MAX_RETRIES || Number(text) === 0)) {
        ctx.report({ service, at: attempts!, message: `Service '${service.name}' allows ${text === '0' ? 'unlimited' : text} restart attempts (deploy.restart_policy.max_attempts): a broken service keeps looping. Use ${MAX_RETRIES} or fewer.` });
      }
    }
  },
});
