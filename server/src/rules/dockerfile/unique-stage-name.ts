import { defineRule } from '../../engine/rule';
import { wholeModel } from '../../engine/dockerfile/model';
import { stageNamesKey } from '../../engine/dockerfile/stages';
import { hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/unique-stage-name',
  scope: 'stage',
  stageKey: stageNamesKey,
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: [],
  peers: ['hadolint DL3024', 'Trivy DS-0012', 'Checkov CKV_DOCKER_11', 'KICS same_alias_in_different_froms'],
  docs: {
    summary: 'Two stages have the same name.',
    why: 'BuildKit refuses a Dockerfile with a duplicate stage name, and older builders silently use one of them for `COPY --from` and `--target`: the image may be built from a stage other than the one you meant.',
    fix: 'Give each stage its own name (`AS build-api`, `AS build-web`).',
    invalid: ['FROM golang:1.25 AS build\nFROM node:22 AS build\n'],
    valid: ['FROM golang:1.25 AS build-api\nFROM node:22 AS build-web\n'],
    references: [dockerfileRef('FROM'), hadolintRef('DL3024')],
    differences: 'The finding is on the first stage of that name (as KICS places it), and names the lines that reuse it.',
  },
  check(ctx) {
    const stages = wholeModel(ctx.model).stages;
    for (const s of ctx.model.stages) {
      if (!s.name || stages.some(o => o.index < s.index && o.name === s.name)) continue;
      const again = stages.filter(o => o.index > s.index && o.name === s.name);
      if (!again.length) continue;
      ctx.report({
        range: s.from.getBuildStageRange() ?? s.from.getRange(),
        message: `The stage name ${s.name} is used again on line ${again.map(o => o.from.getRange().start.line + 1).join(', ')}: BuildKit rejects duplicate names, older builders pick one. Rename one of the stages.`,
      });
    }
  },
});
