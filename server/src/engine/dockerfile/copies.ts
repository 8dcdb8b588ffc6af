// COPY and ADD seen as flags, sources and a destination, each with its document range, in both shell
// and JSON form; heredoc sources (`COPY <<EOF /file`) are marked so rules do not read them as paths.
import { Instruction, JSONInstruction, Flag, Onbuild, PropertyInstruction } from 'dockerfile-ast';
import { Range } from '../types';
import { DockerfileModel, Stage, VariableLookup } from './model';
import { Variables, substitute } from './variables';

export interface CopyOperand {
  /** as written, quotes removed */
  raw: string;
  /** after ARG/ENV substitution at this point; null when it depends on an unknown value */
  resolved: string | null;
  range: Range;
  /** `<<EOF`: an inline file, not a path */
  heredoc: boolean;
}

export interface CopyInstruction {
  instruction: Instruction;
  keyword: 'COPY' | 'ADD';
  stage: Stage;
  /** flag name (lower-case, without `--`) → value ('' when given without one) */
  flags: Map<string, { value: string; range: Range; flag: Flag }>;
  sources: CopyOperand[];
  destination: CopyOperand | null;
  execForm: boolean;
  onbuild: boolean;
}

/** Every COPY and ADD of every stage (ONBUILD ones included), in file order. */
// several rules read the COPY/ADD instructions of the same model: read them once
const copyCache = new WeakMap<DockerfileModel, CopyInstruction[]>();

export function copyInstructions(model: DockerfileModel): CopyInstruction[] {
  let cached = copyCache.get(model);
  if (!cached) { cached = readCopyInstructions(model); copyCache.set(model, cached); }
  return cached;
}

function readCopyInstructions(model: DockerfileModel): CopyInstruction[] {
  const out: CopyInstruction[] = [];
  for (const stage of model.stages) for (const c of stageCopies(model, stage)) out.push(c);
  return out;
}

/** The COPY and ADD instructions of one stage of the model. */
export function stageCopies(model: DockerfileModel, stage: Stage): CopyInstruction[] {
  let copies = stageCopyCache.get(stage);
  if (!copies) { copies = readStageCopies(model, stage); stageCopyCache.set(stage, copies); }
  return copies;
}

// The editor keeps a Stage object while its instructions and context are the same (dockerfile/model.ts):
// its COPYs then read the same (their ranges are line/character positions, which did not move).
const stageCopyCache = new WeakMap<Stage, CopyInstruction[]>();

function readStageCopies(model: DockerfileModel, stage: Stage): CopyInstruction[] {
  const out: CopyInstruction[] = [];
  for (const ins of stage.instructions) {
    const keyword = ins.getKeyword();
    // the ARG/ENV values in effect at this instruction (the model keeps them per instruction)
    const scope = stage.scopes.get(ins) ?? stage.env;
    let target: Instruction | null = ins;
    let onbuild = false;
    if (keyword === 'ONBUILD') {
      target = (ins as Onbuild).getTriggerInstruction();
      onbuild = true;
    }
    if (!target) continue;
    const k = target.getKeyword();
    if (k !== 'COPY' && k !== 'ADD') continue;
    const read = readCopyCached(model, target as JSONInstruction, k, scope);
    if (!read) continue;
    // the same read, stage and instruction give the same entry: keep it across lints
    const prev = copyEntryCache.get(target);
    if (prev && prev.read === read && prev.entry.stage === stage && prev.entry.onbuild === onbuild) out.push(prev.entry);
    else {
      const entry = { ...read, stage, onbuild, instruction: target };
      copyEntryCache.set(target, { read, entry });
      out.push(entry);
    }
  }
  return out;
}

const copyEntryCache = new WeakMap<Instruction, { read: NonNullable<ReturnType<typeof readCopy>>; entry: CopyInstruction }>();

// A COPY whose text has no variable reads the same on every lint: an instruction the incremental
// parser kept is read once (its ranges are line/character positions, still right).
const copyReadCache = new WeakMap<Instruction, ReturnType<typeof readCopy>>();

function readCopyCached(model: DockerfileModel, ins: JSONInstruction, keyword: 'COPY' | 'ADD', scope: VariableLookup): ReturnType<typeof readCopy> {
  if ((ins.getRawArgumentsContent() ?? '').includes('$')) return readCopy(model, ins, keyword, scope);
  if (!copyReadCache.has(ins)) copyReadCache.set(ins, readCopy(model, ins, keyword, scope));
  return copyReadCache.get(ins)!;
}

function readCopy(model: DockerfileModel, ins: JSONInstruction, keyword: 'COPY' | 'ADD', scope: VariableLookup):
  Omit<CopyInstruction, 'stage' | 'onbuild' | 'instruction'> | null {
  const flags = new Map<string, { value: string; range: Range; flag: Flag }>();
  for (const f of ins.getFlags()) flags.set(f.getName().toLowerCase(), { value: f.getValue() ?? '', range: f.getRange(), flag: f });
  const json = ins.getJSONStrings();
  const execForm = json.length > 0 && ins.getOpeningBracket() !== null && ins.getClosingBracket() !== null;
  const operand = (raw: string, range: Range): CopyOperand => ({
    raw, range, heredoc: /^<<-?/.test(raw), resolved: substitute(raw, scope, model.escape),
  });
  let operands: CopyOperand[];
  if (execForm) {
    operands = json.map(j => operand(j.getJSONValue(), j.getRange()));
  } else {
    const flagEnd = Math.max(-1, ...ins.getFlags().map(f => model.index.offsetAt(f.getRange().end)));
    operands = ins.getArguments()
      .filter(a => model.index.offsetAt(a.getRange().start) > flagEnd)
      .map(a => operand(a.getValue().replace(/^(["'])(.*)\1$/, '$2'), a.getRange()));
  }
  // heredoc bodies are not operands: keep the words of the first line only when a heredoc is present
  const firstLine = ins.getRange().start.line;
  if (operands.some(o => o.heredoc)) operands = operands.filter(o => o.range.start.line === firstLine);
  if (operands.length === 0) return { keyword, flags, sources: [], destination: null, execForm };
  return { keyword, flags, sources: operands.slice(0, -1), destination: operands[operands.length - 1], execForm };
}

/** `http://`, `https://` or a git URL (`git@host:repo`, `*.git`, `git://`). */
export function isRemoteSource(source: string): boolean {
  return /^(?:https?|ftp|git|ssh):\/\//i.test(source) || /^git@[^:]+:/.test(source);
}

export function isGitSource(source: string): boolean {
  return /^git(?:@|:\/\/)/i.test(source) || /^(?:https?|ssh):\/\/[^#?]*\.git(?:[#?].*)?$/i.test(source);
}

/** Archives ADD unpacks: tar with any compression Docker understands. */
export function isLocalArchive(source: string): boolean {
  return /\.(?:tar|tgz|tbz2?|txz|tlz|tzst|taz|tar\.(?:gz|bz2|xz|lz|lzma|zst|z|Z))$/i.test(source);
}
