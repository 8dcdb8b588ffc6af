import { defineRule } from '../../engine/rule';
import { shippableStages } from '../../engine/dockerfile/stages';
import { hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/single-cmd',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: [],
  peers: ['hadolint DL4003 DL4004 DL3012', 'Trivy DS-0016 DS-0007 DS-0023', 'KICS multiple_cmd_instructions_listed multiple_entrypoint_instructions_listed'],
  docs: {
    summary: 'A stage has more than one CMD, ENTRYPOINT or HEALTHCHECK: only the last one counts.',
    why: 'Each CMD, ENTRYPOINT and HEALTHCHECK replaces the previous one, so the earlier ones are dead code. Someone reading the Dockerfile may believe the image runs (or is health-checked by) the first one.',
    fix: 'Keep one of each per stage. To run several processes, use a small init or supervisor, or better, one process per container. The finding is on the instruction that has no effect.',
    invalid: ['FROM debian:bookworm-slim\nCMD ["app", "--serve"]\nCMD ["app", "--worker"]\n'],
    valid: ['FROM debian:bookworm-slim\nENTRYPOINT ["app"]\nCMD ["--serve"]\n'],
    references: [dockerfileRef('CMD'), hadolintRef('DL4003')],
    differences: 'Only stages that ship are judged. Like KICS, the finding is placed on the overridden (earlier) instruction; hadolint places it on the later one.',
  },
  check(ctx) {
    for (const stage of shippableStages(ctx.model)) {
      for (const keyword of ['CMD', 'ENTRYPOINT', 'HEALTHCHECK']) {
        const all = stage.instructions.filter(i => i.getKeyword() === keyword);
        for (const ins of all.slice(0, -1)) {
          const last = all[all.length - 1].getRange().start.line + 1;
          ctx.report({ range: ins.getInstructionRange(), message: `This ${keyword} has no effect: the ${keyword} on line ${last} replaces it. Keep one ${keyword} per stage.` });
        }
      }
    }
  },
});
