import { defineRule } from '../../engine/rule';
import { shippableStages, resolveAt } from '../../engine/dockerfile/stages';
import { owaspRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/no-system-workdir',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D04'],
  peers: ['Trivy DS-0030'],
  docs: {
    summary: 'WORKDIR points into /proc, /sys, /dev or /boot.',
    why: 'These are kernel and boot interfaces, not places for an application. A working directory there means the app reads and writes relative paths against kernel files (or fails at run time when the runtime mounts its own /proc, /sys and /dev over them), and usually signals a Dockerfile that pokes at the host.',
    fix: 'Use an application directory: `WORKDIR /app` (or /opt/<app>, /srv/<app>).',
    invalid: ['FROM debian:bookworm-slim\nWORKDIR /proc/self\n'],
    valid: ['FROM debian:bookworm-slim\nWORKDIR /app\n', 'FROM debian:bookworm-slim\nWORKDIR /srv/bootstrap\n'],
    references: [owaspRef('D04'), dockerfileRef('WORKDIR')],
  },
  check(ctx) {
    for (const stage of shippableStages(ctx.model)) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'WORKDIR' || !ins.getArgumentsRange()) continue;
        const raw = ctx.model.index.slice(ins.getArgumentsRange()!).trim().replace(/^"(.*)"$/, '$1');
        const path = resolveAt(stage, ins, raw, ctx.model.escape);
        if (path === null || !/^\/(proc|sys|dev|boot)(\/|$)/.test(path.replace(/\/{2,}/g, '/'))) continue;
        ctx.report({ range: ins.getArgumentsRange()!, message: `WORKDIR ${path} is inside a kernel or boot filesystem, not an application directory. Use a directory such as /app.` });
      }
    }
  },
});
