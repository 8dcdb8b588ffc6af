import { defineRule } from '../../engine/rule';
import { stageReferences } from '../../engine/dockerfile/stages';
import { dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/named-stages',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: false,
  owasp: [],
  peers: ['KICS using_unnamed_build_stages'],
  docs: {
    summary: 'A multi-stage build refers to a stage by its number (`--from=0`) instead of a name.',
    why: 'Stage numbers shift when a stage is added or removed above, and `COPY --from=0` then silently copies from a different stage. A name (`FROM golang:1.25 AS build`, `--from=build`) says what the stage is and survives reordering.',
    fix: 'Name the stage with `AS <name>` and use the name in `--from`.',
    invalid: ['FROM golang:1.25\nRUN go build -o /out/app .\nFROM alpine:3.22\nCOPY --from=0 /out/app /app\n'],
    valid: ['FROM golang:1.25 AS build\nRUN go build -o /out/app .\nFROM alpine:3.22\nCOPY --from=build /out/app /app\n'],
    references: [dockerfileRef('FROM'), { title: 'Docker: multi-stage builds, name your build stages', url: 'https://docs.docker.com/build/building/multi-stage/#name-your-build-stages' }],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const ins of stage.instructions) {
        for (const ref of stageReferences(ins)) {
          if (!/^\d+$/.test(ref.value)) continue;
          ctx.report({ range: ref.flagRange, message: `--from=${ref.value} refers to a stage by number, which changes when stages are added or removed. Name the stage (FROM … AS <name>) and use the name.` });
        }
      }
    }
  },
});
