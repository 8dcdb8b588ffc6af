import { Instruction, JSONInstruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import { shippableStages } from '../../engine/dockerfile/stages';
import { hadolintRef, BEST_PRACTICES } from '../../engine/references';

/** The destination of a COPY/ADD (its last argument), flags skipped. */
function destination(ins: Instruction): string | null {
  const json = ins as JSONInstruction;
  const strings = json.getJSONStrings();
  const args = strings.length ? strings.map(j => j.getJSONValue()) : json.getArguments().map(a => a.getValue()).filter(v => !v.startsWith('--'));
  return args.length >= 2 ? args[args.length - 1].replace(/\/+$/, '') : null;
}

function hasFlags(ins: Instruction): boolean {
  return (ins as JSONInstruction).getFlags().length > 0;
}

export default defineRule({
  id: 'dockerfile/merge-consecutive-run',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: false,
  owasp: [],
  peers: ['hadolint DL3059', 'KICS multiple_run_add_copy_instructions_listed'],
  docs: {
    summary: 'Consecutive RUN instructions (or COPY/ADD to the same place) could be one layer.',
    why: 'Each RUN, COPY and ADD makes a layer. Many small layers make the image bigger (files deleted in a later layer still ship in the earlier one) and slower to pull; joining the steps keeps temporary files out of the image.',
    fix: 'Join consecutive RUNs with `&&` (and line continuations), and copy several files to one destination with one `COPY a b c /dest/`. Keep steps apart when separate cache layers are worth it (dependency manifests before source code).',
    invalid: ['FROM debian:bookworm-slim\nRUN mkdir /app\nRUN chown 10001 /app\n'],
    valid: ['FROM debian:bookworm-slim\nRUN mkdir /app && chown 10001 /app\n'],
    references: [BEST_PRACTICES, hadolintRef('DL3059')],
    differences: 'Like KICS, consecutive COPY or ADD instructions with the same destination count too. Only stages that ship are judged; instructions with flags (`--mount`, `--from`, `--chown`) are kept apart on purpose and not reported.',
  },
  check(ctx) {
    for (const stage of shippableStages(ctx.model)) {
      const ins = stage.instructions;
      for (let k = 0; k + 1 < ins.length; k++) {
        const a = ins[k], b = ins[k + 1];
        const keyword = a.getKeyword();
        if (keyword !== b.getKeyword() || (k > 0 && mergeable(ins[k - 1], a))) continue;
        if (!mergeable(a, b)) continue;
        let n = k + 1;
        while (n + 1 < ins.length && mergeable(ins[n], ins[n + 1])) n++;
        ctx.report({ range: a.getInstructionRange(), message: `${n - k + 1} consecutive ${keyword} instructions (to line ${ins[n].getRange().start.line + 1}) each make a layer. Join them into one ${keyword}.` });
      }
    }
  },
});

function mergeable(a: Instruction, b: Instruction): boolean {
  const keyword = a.getKeyword();
  if (keyword !== b.getKeyword() || !['RUN', 'COPY', 'ADD'].includes(keyword) || hasFlags(a) || hasFlags(b)) return false;
  if (keyword === 'RUN') return true;
  if (keyword === 'COPY' || keyword === 'ADD') { const d = destination(a); return d !== null && d === destination(b); }
  return false;
}
