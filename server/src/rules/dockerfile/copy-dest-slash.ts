import { Copy, JSONInstruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
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
    valid: ['FROM node:22-slim\nCOPY package.json package-lock.json /app/\n', 'FROM node:22-slim\nCOPY package.json /app\n'],
    references: [dockerfileRef('COPY'), hadolintRef('DL3021')],
  },
  check(ctx) {
    // COPY/ADD before the first FROM is a syntax error (dockerfile/syntax), not read here
    for (const ins of ctx.model.stages.flatMap(s => s.instructions)) {
      const keyword = ins.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      if (ins instanceof Copy && ins.getHeredocs().length) continue;
      const json = ins as JSONInstruction;
      const jsonArgs = json.getOpeningBracket?.() && json.getClosingBracket?.() ? json.getJSONStrings() : [];
      const args = jsonArgs.length ? jsonArgs : json.getArguments().filter(a => !a.getValue().startsWith('--'));
      if (args.length < 3) continue;
      const dest = args[args.length - 1];
      const value = jsonArgs.length ? jsonArgs[jsonArgs.length - 1].getJSONValue() : dest.getValue();
      if (value.endsWith('/') || value.endsWith('\\') || /\$/.test(value)) continue;
      const end = dest.getRange().end;
      const at = jsonArgs.length ? { line: end.line, character: end.character - 1 } : end;
      ctx.report({
        range: dest.getRange(),
        message: `${keyword} has ${args.length - 1} sources, so its destination ${value} must be a directory ending with /; the build fails otherwise. Write ${value}/.`,
        fixes: () => [{ title: `Append / to ${value}`, safety: 'safe', edits: [{ range: { start: at, end: at }, newText: '/' }] }],
      });
    }
  },
});
