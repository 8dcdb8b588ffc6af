import { defineRule } from '../../engine/rule';
import { stageCopies } from '../../engine/dockerfile/copies';
import { hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/copy-dest-slash',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: [],
  peers: ['hadolint DL3021', 'Trivy DS-0011', 'KICS copy_with_more_than_two_arguments_not_ending_with_slash'],
  fix: { safety: 'safe', description: 'append / to the destination' },
  docs: {
    summary: 'COPY or ADD has several sources but its destination does not end with `/`.',
    why: 'With more than one source the destination must be a directory, and Docker requires it to end with `/`; the build fails with "When using COPY with more than one source file, the destination must be a directory and end with a /".',
    fix: 'End the destination with a slash: `COPY package.json package-lock.json /app/`. The quick fix appends it.',
    invalid: ['FROM node:22-slim\nCOPY package.json package-lock.json /app\n'],
    valid: ['FROM node:22-slim\nCOPY package.json package-lock.json /app/\n', 'FROM node:22-slim\nCOPY package.json /app\n', 'FROM debian:bookworm-slim\nADD <<EOF /etc/motd\nhello\nEOF\n'],
    references: [dockerfileRef('COPY'), hadolintRef('DL3021')],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const copy of stageCopies(ctx.model, stage)) {
        // ONBUILD triggers are not read; a heredoc (`COPY <<EOF /file`) is an inline file, not sources
        const dest = copy.destination;
        if (copy.onbuild || !dest || dest.heredoc || copy.sources.some(s => s.heredoc) || copy.sources.length < 2) continue;
        const value = dest.raw;
        if (value.endsWith('/') || value.endsWith('\\') || /\$/.test(value)) continue;
        const end = dest.range.end;
        const at = copy.execForm ? { line: end.line, character: end.character - 1 } : end;
        ctx.report({
          range: dest.range,
          message: `${copy.keyword} has ${copy.sources.length} sources, so its destination ${value} must be a directory ending with /; the build fails otherwise. Write ${value}/.`,
          fixes: () => [{ title: `Append / to ${value}`, safety: 'safe', edits: [{ range: { start: at, end: at }, newText: '/' }] }],
        });
      }
    }
  },
});
