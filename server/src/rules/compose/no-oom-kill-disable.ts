import { defineComposeRule } from '../../engine/rule';
import { owaspRef } from '../../engine/references';
import { get, isTrueValue } from '../../engine/compose/model';
import { effectiveLimit } from '../../engine/compose/limits';

export default defineComposeRule({
  id: 'compose/no-oom-kill-disable',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D07'],
  cwe: 'CWE-400',
  peers: [],
  docs: {
    summary: 'The service disables the OOM killer without a memory limit.',
    why: 'With `oom_kill_disable: true` the kernel will not kill this container\'s processes when memory runs out. Without a memory limit that means the container can take all the host\'s memory and the OOM killer must pick processes elsewhere: other containers, the Docker daemon, sshd. Docker itself warns against this combination.',
    fix: 'Remove `oom_kill_disable`, or keep it only together with a memory limit (`mem_limit` or `deploy.resources.limits.memory`), so the container is throttled at its own limit instead of starving the host.',
    invalid: ['services:\n  db:\n    image: postgres:17\n    oom_kill_disable: true\n'],
    valid: [
      'services:\n  db:\n    image: postgres:17\n    oom_kill_disable: true\n    mem_limit: 2g\n',
      'services:\n  db:\n    image: postgres:17\n',
    ],
    references: [
      owaspRef('D07'),
      { title: 'Docker: resource constraints (--oom-kill-disable)', url: 'https://docs.docker.com/engine/containers/resource_constraints/#--oom-kill-disable' },
      { title: 'Compose file reference: oom_kill_disable', url: 'https://docs.docker.com/reference/compose-file/services/#oom_kill_disable' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const flag = get(service, 'oom_kill_disable');
      if (!flag || !isTrueValue(flag) || effectiveLimit(service, 'memory')) continue;
      ctx.report({
        service, at: flag,
        message: `Service '${service.name}' disables the OOM killer and has no memory limit: it can take all the host's memory and get other processes killed instead. Add a memory limit or remove oom_kill_disable.`,
      });
    }
  },
});
