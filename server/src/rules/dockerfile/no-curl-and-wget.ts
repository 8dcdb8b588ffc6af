import { defineRule } from '../../engine/rule';
import { effectiveWords, programName } from '../../engine/dockerfile/shell';
import { hadolintRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/no-curl-and-wget',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: false,
  owasp: [],
  peers: ['hadolint DL4001', 'Trivy DS-0014', 'KICS run_using_wget_and_curl'],
  docs: {
    summary: 'A stage uses both curl and wget: one download tool is enough.',
    why: 'Two tools that do the same job mean two packages to install, patch and scan, and two sets of TLS and redirect behaviour to get right.',
    fix: 'Pick one (curl is everywhere on Debian-based images; BusyBox/Alpine have wget built in) and use it for every download in the stage. The finding is on each use of the tool that appeared second.',
    invalid: ['FROM debian:bookworm-slim\nRUN wget -q https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz\n'],
    valid: ['FROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/a.tgz && curl -fsSLO https://example.com/b.tgz\n'],
    references: [hadolintRef('DL4001')],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const uses = stage.runs.flatMap(r => r.commands).filter(c => ['curl', 'wget'].includes(programName(c)));
      const tools = new Set(uses.map(c => programName(c)));
      if (tools.size < 2) continue;
      const first = programName(uses[0]);
      for (const c of uses.filter(u => programName(u) !== first)) {
        const w = effectiveWords(c)[0];
        ctx.report({ range: ctx.model.index.rangeOf(w.start, w.end), message: `This stage already downloads with ${first}; using ${programName(c)} too means two tools to install and patch. Use ${first} here.` });
      }
    }
  },
});
