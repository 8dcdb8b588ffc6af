import { defineRule } from '../../engine/rule';
import { programName } from '../../engine/dockerfile/shell';
import { hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/no-run-cd',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: true,
  owasp: [],
  peers: ['hadolint DL3003', 'Trivy DS-0013', 'KICS run_command_cd_instead_of_workdir'],
  docs: {
    summary: 'A RUN starts with `cd`: use WORKDIR, which the following instructions keep.',
    why: 'A `cd` lasts only for its own RUN; the next RUN, COPY and CMD start again from WORKDIR. Files then land in unexpected places, and a lone `RUN cd /dir` does nothing at all. WORKDIR states the directory once and creates it if needed.',
    fix: 'Replace `RUN cd /app && make` with `WORKDIR /app` followed by `RUN make`. A `cd` later in a RUN (`make && cd docs && make`) is fine and not reported.',
    invalid: ['FROM debian:bookworm-slim\nRUN cd /src && make\n'],
    valid: ['FROM debian:bookworm-slim\nWORKDIR /src\nRUN make\n', 'FROM debian:bookworm-slim\nRUN make && cd docs && make\n'],
    references: [dockerfileRef('WORKDIR'), hadolintRef('DL3003')],
    differences: 'A lone `RUN cd /absolute/path` is reported too (KICS leaves it alone): it has no effect on any later instruction.',
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const run of stage.runs) {
        const first = run.commands[0];
        if (run.execForm || !first || programName(first) !== 'cd') continue;
        const w = first.words;
        ctx.report({ range: ctx.model.index.rangeOf(w[0].start, w[w.length - 1].end), message: `RUN starts with ${w.map(x => x.value).join(' ')}, which lasts only for this RUN. Use WORKDIR ${w[1]?.value ?? '<dir>'} so later instructions run there too.` });
      }
    }
  },
});
