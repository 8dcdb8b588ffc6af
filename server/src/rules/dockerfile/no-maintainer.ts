import { defineRule } from '../../engine/rule';
import { hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/no-maintainer',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: true,
  owasp: [],
  peers: ['hadolint DL4000', 'Trivy DS-0022', 'Checkov CKV_DOCKER_6', 'KICS maintainer_instruction_being_used', 'BuildKit MaintainerDeprecated'],
  fix: { safety: 'safe', description: 'replace with LABEL org.opencontainers.image.authors=…' },
  docs: {
    summary: 'MAINTAINER is deprecated: use the `org.opencontainers.image.authors` label.',
    why: 'MAINTAINER has been deprecated since Docker 1.13 and tools read the OCI label instead. Labels are where image metadata belongs, queryable with `docker inspect` and registries.',
    fix: 'Write `LABEL org.opencontainers.image.authors="team@example.com"`. The quick fix rewrites the line.',
    invalid: ['FROM debian:bookworm-slim\nMAINTAINER Jane Doe <jane@example.com>\n'],
    valid: ['FROM debian:bookworm-slim\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n'],
    references: [dockerfileRef('MAINTAINER (deprecated)'), { title: 'OCI image annotations', url: 'https://github.com/opencontainers/image-spec/blob/main/annotations.md' }, hadolintRef('DL4000')],
  },
  check(ctx) {
    // MAINTAINER before the first FROM is a syntax error (dockerfile/syntax), not read here
    for (const ins of ctx.model.stages.flatMap(s => s.instructions)) {
      if (ins.getKeyword() !== 'MAINTAINER') continue;
      const args = ins.getArgumentsRange();
      const raw = args ? ctx.model.index.slice(args).trim() : '';
      const value = /^"(?:[^"\\]|\\.)*"$/.test(raw) ? raw : JSON.stringify(raw);
      ctx.report({
        range: ins.getInstructionRange(),
        message: 'MAINTAINER is deprecated. Use LABEL org.opencontainers.image.authors="…", which tools and registries read.',
        fixes: args ? () => [{ title: 'Replace with LABEL org.opencontainers.image.authors', safety: 'safe', edits: [{ range: { start: ins.getRange().start, end: args.end }, newText: `LABEL org.opencontainers.image.authors=${value}` }] }] : undefined,
      });
    }
  },
});
