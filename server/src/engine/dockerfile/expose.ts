// EXPOSE arguments read once for the port rules: each port (or range) with its protocol, resolved with the
// ARG/ENV values in effect, and an edit that removes one argument.
import { Instruction } from 'dockerfile-ast';
import { DockerfileModel, Stage } from './model';
import { resolveAt } from './stages';
import { Range, TextEdit } from '../types';

export interface ExposedPort {
  instruction: Instruction;
  /** the argument as written */
  raw: string;
  /** after substitution; null when unknown */
  resolved: string | null;
  from: number | null;
  to: number | null;
  protocol: string | null;
  /** `ip:host:ctr` or anything that is not port[-port][/proto] */
  malformed: boolean;
  range: Range;
  argIndex: number;
}

export function exposedPorts(model: DockerfileModel, stage: Stage): ExposedPort[] {
  const out: ExposedPort[] = [];
  for (const ins of stage.instructions) {
    if (ins.getKeyword() !== 'EXPOSE') continue;
    ins.getArguments().forEach((arg, argIndex) => {
      const raw = arg.getValue();
      const resolved = resolveAt(stage, ins, raw, model.escape);
      const m = resolved === null ? null : /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/.exec(resolved.trim());
      out.push({
        instruction: ins, raw, resolved, argIndex, range: arg.getRange(),
        from: m ? Number(m[1]) : null, to: m && m[2] ? Number(m[2]) : null, protocol: m?.[3] ?? null,
        malformed: resolved !== null && resolved.trim() !== '' && !m,
      });
    });
  }
  return out;
}

/** Removes one EXPOSE argument; the whole instruction when it is the only one. */
export function removeExposeArgument(model: DockerfileModel, port: ExposedPort): TextEdit {
  const args = port.instruction.getArguments();
  const index = model.index;
  if (args.length === 1) {
    const r = port.instruction.getRange();
    return { range: { start: { line: r.start.line, character: 0 }, end: { line: r.end.line + 1, character: 0 } }, newText: '' };
  }
  const k = port.argIndex;
  if (k === 0) return { range: { start: args[0].getRange().start, end: args[1].getRange().start }, newText: '' };
  return { range: { start: args[k - 1].getRange().end, end: args[k].getRange().end }, newText: '' };
}
