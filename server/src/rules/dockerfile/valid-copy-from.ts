import { defineRule } from '../../engine/rule';
import { stageReferences, resolveAt, stageNamesKey } from '../../engine/dockerfile/stages';
import { wholeModel } from '../../engine/dockerfile/model';
import { hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/valid-copy-from',
  scope: 'stage',
  stageKey: stageNamesKey,
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: [],
  peers: ['hadolint DL3022 DL3023', 'Trivy DS-0006', 'KICS copy_from_references_current_from_alias'],
  docs: {
    summary: '`COPY --from` names its own stage, or a stage that is defined only later.',
    why: 'A stage cannot copy from itself, and stages are built in order: `--from` can only name an earlier stage. Otherwise the builder treats the name as an image to pull from a registry — at best the build fails, at worst it copies files from whatever image of that name someone published.',
    fix: 'Point `--from` at an earlier stage (move the stage up if needed), or write a full image reference (`--from=nginx:1.27`) when you mean an image.',
    invalid: ['FROM golang:1.25 AS build\nCOPY --from=build /out/app /app\n', 'FROM alpine:3.22\nCOPY --from=2 /x /x\nFROM alpine:3.22\n'],
    valid: ['FROM golang:1.25 AS build\nRUN go build -o /out/app .\nFROM alpine:3.22\nCOPY --from=build /out/app /app\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\n'],
    references: [dockerfileRef('COPY'), hadolintRef('DL3022')],
  },
  check(ctx) {
    const stages = wholeModel(ctx.model).stages;
    for (const stage of ctx.model.stages) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'COPY') continue;
        for (const ref of stageReferences(ins)) {
          const value = resolveAt(stage, ins, ref.value, ctx.model.escape)?.toLowerCase();
          if (!value) continue;
          let problem: string | null = null;
          if (value === stage.name || value === String(stage.index)) problem = `names the stage it is in (${value}); a stage cannot copy from itself`;
          else if (/^\d+$/.test(value) && Number(value) > stage.index) problem = `names stage ${value}, which comes later; only earlier stages can be copied from`;
          else {
            const later = stages.find(s => s.index > stage.index && s.name === value);
            if (later && !stages.some(s => s.index < stage.index && s.name === value)) problem = `names the stage ${value}, defined later on line ${later.from.getRange().start.line + 1}; the builder will look for an image called ${value} instead`;
          }
          if (problem) ctx.report({ range: ref.flagRange, message: `COPY --from=${ref.value} ${problem}. Copy from an earlier stage, or name an image explicitly.` });
        }
      }
    }
  },
});
