// DockerfileModel: the parsed file seen as build stages, with the facts rules ask about: which stage ships,
// each stage's base image (after ARG substitution) and distro family, its USER instructions resolved,
// the shell commands of its RUNs, and the accounts they create.
import { DockerfileParser, ParserDirective, Instruction, From, Arg, Env, Run, Onbuild, Comment } from 'dockerfile-ast';
import { Range } from '../types';
import { ImageRef, parseImageRef, distroOf, DistroFamily, knownNonRootDefault, NonRootDefault } from '../knowledge/base-images';
import { splitShell, ShellCommand, programName } from './shell';
import { Variables, substitute } from './variables';
import { accountsCreatedBy, CreatedAccount } from './users';
import { TextIndex } from '../text';
import { DockerfileParseCache, ParsedDockerfile } from './incremental';
// patches dockerfile-ast's prototypes (memoised accessors, linear flag removal) before any parse
import './ast-patches';

export interface UserInstruction {
  instruction: Instruction;
  raw: string;
  /** after ARG/ENV substitution; null when a variable's value is not known */
  resolved: string | null;
  user: string | null;
  group: string | null;
  argsRange: Range;
  /** an ONBUILD USER: applies to images built FROM this one */
  onbuild: boolean;
}

export interface RunInstruction {
  instruction: Instruction;
  commands: ShellCommand[];
  onbuild: boolean;
  execForm: boolean;
}

export interface Stage {
  index: number;
  /** the `AS name`, lower-cased; null when unnamed */
  name: string | null;
  from: From;
  imageRaw: string;
  /** the image after ARG substitution; null when it depends on an unknown value */
  image: string | null;
  imageRef: ImageRef | null;
  /** the earlier stage this one is built FROM, if any */
  parent: Stage | null;
  /** the instructions after FROM, up to the next FROM */
  instructions: Instruction[];
  users: UserInstruction[];
  runs: RunInstruction[];
  accounts: CreatedAccount[];
  distro: DistroFamily;
  baseDefaultUser: NonRootDefault | null;
  /** ENV values at the end of the stage (inherited by stages built FROM it) */
  env: Variables;
  /** the ARG/ENV values in effect when each instruction of the stage runs (for resolving EXPOSE, WORKDIR, …) */
  scopes: Map<Instruction, VariableLookup>;
  /**
   * Identity of the stage's content. The editor's next parse keeps the Stage object itself (and so this)
   * while the stage's instructions, the stages it is built FROM, the global ARGs and the build args stay
   * the same (its lines may not move; offsets may: then only `runs` is replaced, with the words moved).
   * Stage-level results are cached under it (engine/lint.ts).
   */
  token: object;
}

export interface DockerfileModel {
  text: string;
  index: TextIndex;
  directives: ParserDirective[];
  escape: string;
  /** last line of the parser-directive block, -1 when none */
  directivesEndLine: number;
  comments: Comment[];
  instructions: Instruction[];
  stages: Stage[];
  shippedStage: Stage | null;
  /** set when options.target named a stage that does not exist */
  missingTarget: string | null;
  /** on a view of one stage (engine/lint.ts): the whole model */
  whole?: DockerfileModel;
}

/** The whole model behind a view of some of its stages (or the model itself). */
export function wholeModel(model: DockerfileModel): DockerfileModel {
  return model.whole ?? model;
}

/** What the editor's per-document cache keeps of the last model, to reuse the stages an edit did not touch. */
export interface StageMemo {
  stages: Stage[];
  /** each stage's FROM offset in the text it was read from */
  offsets: number[];
  /** each stage's RUN offsets (stage.runs order) in that text: the words of its RUNs are offsets too */
  runOffsets: number[][];
  context: string;
}

export interface ModelOptions {
  target?: string;
  buildArgs?: Record<string, string>;
  /** the editor's per-document cache: only the instructions an edit touched are parsed again */
  parseCache?: DockerfileParseCache;
}

export function buildDockerfileModel(text: string, options: ModelOptions = {}): DockerfileModel {
  const parsed = options.parseCache ? options.parseCache.parse(text) : wholeParse(text);
  const index = new TextIndex(text);
  const escape = parsed.escape;
  const buildArgs = options.buildArgs ?? {};
  const instructions = parsed.instructions;
  const directives = parsed.directives;
  const directivesEndLine = directives.length ? directives[directives.length - 1].getRange().end.line : -1;

  const globals: Variables = new Map();
  const stages: Stage[] = [];
  let current: Stage | null = null;
  let scope = new Scope();

  const memo = options.parseCache?.stageMemo ?? null;
  const keepMemo = !!options.parseCache;
  const context = memo ? JSON.stringify([escape, buildArgs]) : '';
  const offsets: number[] = [];
  let reusable = false;
  for (let i = 0; i < instructions.length; i++) {
    const ins = instructions[i];
    const keyword = ins.getKeyword();
    if (keyword === 'FROM' && memo) {
      // the editor's last model had this stage, same instructions, same context: keep it
      const k = stages.length;
      if (k === 0) reusable = memo.context === context + JSON.stringify([...globals]);
      const prev = reusable ? memo.stages[k] : undefined;
      const offset = index.offsetAt(ins.getRange().start);
      const reused = prev ? reuseStage(prev, instructions, i, stages, offset - memo.offsets[k], memo.runOffsets[k], index) : null;
      if (reused) {
        stages.push(reused);
        offsets.push(offset);
        current = null;
        i += reused.instructions.length;
        continue;
      }
      offsets.push(offset);
    } else if (keyword === 'FROM' && keepMemo) offsets.push(index.offsetAt(ins.getRange().start));
    if (keyword === 'FROM') {
      const from = ins as From;
      const imageRaw = from.getImage() ?? '';
      const image = substitute(imageRaw, globals, escape);
      const name = from.getBuildStage()?.toLowerCase() ?? null;
      const parent = image === null ? null : stages.find(s => s.name !== null && s.name === image.toLowerCase()) ?? null;
      const imageRef = parent || image === null ? null : parseImageRef(image);
      current = {
        index: stages.length, name, from, imageRaw, image, imageRef, parent, instructions: [], users: [], runs: [], accounts: [],
        distro: parent ? parent.distro : imageRef ? distroOf(imageRef) : 'unknown',
        baseDefaultUser: parent ? parent.baseDefaultUser : imageRef ? knownNonRootDefault(imageRef) : null,
        env: new Map(parent?.env ?? []), scopes: new Map(), token: {},
      };
      stages.push(current);
      scope = new Scope(current.env);
      continue;
    }
    if (!current) {
      if (keyword === 'ARG') declareArgs(ins as Arg, globals, null, buildArgs, escape);
      continue;
    }
    current.instructions.push(ins);
    current.scopes.set(ins, scope.snapshot());
    readInstruction(ins, current, scope, globals, buildArgs, escape, index, false);
  }

  if (options.parseCache) {
    const first = instructions.findIndex(i => i.getKeyword() === 'FROM');
    const globalsAtFirstFrom = JSON.stringify([escape, buildArgs]) + JSON.stringify([...globals]);
    const runOffsets = stages.map(s => s.runs.map(r => index.offsetAt(r.instruction.getRange().start)));
    options.parseCache.stageMemo = { stages, offsets, runOffsets, context: first < 0 ? '' : globalsAtFirstFrom };
  }
  let shippedStage = stages.length ? stages[stages.length - 1] : null;
  let missingTarget: string | null = null;
  if (options.target) {
    const wanted = stages.find(s => s.name === options.target!.toLowerCase());
    if (wanted) shippedStage = wanted; else missingTarget = options.target;
  }
  return { text, index, directives, escape, directivesEndLine, comments: parsed.comments, instructions, stages, shippedStage, missingTarget };
}

/**
 * The last model's stage k again, when the text still has its FROM and instructions (the same parsed
 * objects: the incremental parser kept them) right at `at`, and it is built FROM the same stage as before.
 * Its RUN words move by `delta` when an edit above changed the length of the text.
 */
function reuseStage(prev: Stage, instructions: Instruction[], at: number, stages: Stage[], delta: number, runOffsets: number[] | undefined, index: TextIndex): Stage | null {
  if (instructions[at] !== prev.from) return null;
  const n = prev.instructions.length;
  for (let j = 0; j < n; j++) if (instructions[at + 1 + j] !== prev.instructions[j]) return null;
  const next = instructions[at + 1 + n];
  if (next !== undefined && next.getKeyword() !== 'FROM') return null;
  // every RUN moved by the same amount (an edit to a blank or comment line inside the stage moves only some)
  if (!runOffsets || runOffsets.length !== prev.runs.length) return null;
  for (let j = 0; j < runOffsets.length; j++) if (index.offsetAt(prev.runs[j].instruction.getRange().start) - runOffsets[j] !== delta) return null;
  // the stage it is built FROM: the same (reused) stage, found by the same name among the stages before it
  const parent = prev.image === null ? null : stages.find(s => s.name !== null && s.name === prev.image!.toLowerCase()) ?? null;
  if (parent !== prev.parent) return null;
  // the same object, so results cached per stage stay valid; only its RUN words move with the text
  if (delta !== 0) prev.runs = prev.runs.map(r => ({ ...r, commands: shiftCommands(r.commands, delta) }));
  return prev;
}

function shiftCommands(commands: ShellCommand[], delta: number): ShellCommand[] {
  return commands.map(c => ({ ...c, words: c.words.map(w => ({ value: w.value, start: w.start + delta, end: w.end + delta })) }));
}

function declareArgs(arg: Arg, target: Variables, globals: Variables | null, buildArgs: Record<string, string>, escape: string) {
  const property = arg.getProperty();
  if (!property) return;
  const name = property.getName();
  const fromCli = Object.prototype.hasOwnProperty.call(buildArgs, name) ? buildArgs[name] : undefined;
  const declared = property.getValue();
  if (fromCli !== undefined) target.set(name, fromCli);
  else if (declared !== null) target.set(name, substitute(declared, target, escape));
  else if (globals && globals.has(name)) target.set(name, globals.get(name)!); // `ARG X` re-imports a global ARG
  else target.set(name, null);
}

function readInstruction(ins: Instruction, stage: Stage, scope: Variables, globals: Variables, buildArgs: Record<string, string>,
  escape: string, index: TextIndex, onbuild: boolean) {
  switch (ins.getKeyword()) {
    case 'ARG': if (!onbuild) declareArgs(ins as Arg, scope, globals, buildArgs, escape); break;
    case 'ENV':
      if (onbuild) break;
      for (const p of (ins as Env).getProperties()) {
        const v = p.getValue();
        const value = v === null ? null : substitute(v, scope, escape);
        scope.set(p.getName(), value);
        stage.env.set(p.getName(), value);
      }
      break;
    case 'USER': {
      const argsRange = ins.getArgumentsRange();
      if (!argsRange) break;
      const raw = index.slice(argsRange).trim();
      const resolved = substitute(raw, scope, escape);
      const [user, group] = resolved === null ? [null, null] : splitUserGroup(resolved);
      stage.users.push({ instruction: ins, raw, resolved, user, group, argsRange, onbuild });
      break;
    }
    case 'RUN': {
      const run = readRun(ins as Run, escape, index);
      stage.runs.push({ ...run, onbuild });
      if (!onbuild) for (const c of run.commands) stage.accounts.push(...accountsCreatedBy(c, ins.getRange().start.line));
      break;
    }
    case 'ONBUILD': {
      const trigger = (ins as Onbuild).getTriggerInstruction();
      if (trigger) readInstruction(trigger, stage, scope, globals, buildArgs, escape, index, true);
      break;
    }
  }
}

function splitUserGroup(value: string): [string, string | null] {
  const colon = value.indexOf(':');
  return colon < 0 ? [value, null] : [value.slice(0, colon), value.slice(colon + 1)];
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

// A reused instruction (incremental parse) at the same offset reads the same words: keep them.
const runCache = new WeakMap<Instruction, { offset: number; escape: string; run: ReturnType<typeof readRunUncached> }>();

/** Shell commands of a RUN: shell form, exec form, and heredoc bodies that the shell runs. */
function readRun(run: Run, escape: string, index: TextIndex): ReturnType<typeof readRunUncached> {
  const offset = index.offsetAt(run.getRange().start);
  const hit = runCache.get(run);
  if (hit && hit.escape === escape) {
    if (hit.offset === offset) return hit.run;
    // same instruction text, moved by an edit above it: shift the words instead of reading them again
    const delta = offset - hit.offset;
    const moved = { ...hit.run, commands: hit.run.commands.map(c => ({ ...c, words: c.words.map(w => ({ value: w.value, start: w.start + delta, end: w.end + delta })) })) };
    runCache.set(run, { offset, escape, run: moved });
    return moved;
  }
  const result = readRunUncached(run, escape, index);
  runCache.set(run, { offset, escape, run: result });
  return result;
}

function readRunUncached(run: Run, escape: string, index: TextIndex): { instruction: Instruction; commands: ShellCommand[]; execForm: boolean } {
  const argsRange = run.getArgumentsRange();
  if (!argsRange) return { instruction: run, commands: [], execForm: false };
  const json = run.getJSONStrings();
  if (json.length > 0 && run.getOpeningBracket() && run.getClosingBracket()) {
    const words = json.map(j => ({ value: j.getJSONValue(), start: index.offsetAt(j.getRange().start), end: index.offsetAt(j.getRange().end) }));
    return { instruction: run, commands: [{ words, before: null, after: null }], execForm: true };
  }
  let start = index.offsetAt(argsRange.start);
  const end = index.offsetAt(run.getRange().end);
  // skip RUN flags (--mount=…, --network=…, --security=…)
  for (const flag of run.getFlags()) start = Math.max(start, index.offsetAt(flag.getRange().end));
  const heredocs = run.getHeredocs();
  if (heredocs.length === 0) return { instruction: run, commands: splitShell(index.text.slice(start, end), start, escape, true), execForm: false };
  // the heredoc line itself, then each body the shell runs (not `cat <<EOF > file` or `python3 <<EOF`)
  const firstLineEnd = index.offsetAt({ line: argsRange.start.line + 1, character: 0 });
  const head = splitShell(index.text.slice(start, Math.min(end, firstLineEnd)), start, escape, true);
  const commands = [...head];
  const feeder = head.find(c => c.words.some(w => w.value.startsWith('<<')));
  const feederProgram = feeder ? programName({ ...feeder, words: feeder.words.filter(w => !w.value.startsWith('<<')) }) : '';
  for (const doc of heredocs) {
    const content = doc.getContentRange();
    if (!content) continue;
    const from = index.offsetAt(content.start);
    const body = index.text.slice(from, index.offsetAt(content.end));
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
    const interpreter = shebang ? (shebang[1].endsWith('/env') ? shebang[2] ?? '' : shebang[1].slice(shebang[1].lastIndexOf('/') + 1)) : '';
    const runByShell = shebang ? SHELLS.has(interpreter) : feederProgram === '' || SHELLS.has(feederProgram);
    if (runByShell) commands.push(...splitShell(body, from, '\\', false));
  }
  return { instruction: run, commands, execForm: false };
}

/** The stage and the stages it is built FROM, nearest first. */
export function stageLineage(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | null = stage; s && !out.includes(s); s = s.parent) out.push(s);
  return out;
}

export type EffectiveUser =
  | { kind: 'instruction'; user: UserInstruction; stage: Stage }
  | { kind: 'base-default'; base: NonRootDefault }
  | { kind: 'implicit-root' };

/** Who the stage's process runs as: its last USER, else its parent stage's, else the base image's default. */
export function effectiveUser(stage: Stage): EffectiveUser {
  for (const s of stageLineage(stage)) {
    const users = s.users.filter(u => !u.onbuild);
    if (users.length) return { kind: 'instruction', user: users[users.length - 1], stage: s };
  }
  const base = stageLineage(stage).pop()!;
  return base.baseDefaultUser ? { kind: 'base-default', base: base.baseDefaultUser } : { kind: 'implicit-root' };
}

/** True for `root`, `0`, `root:x`, `0:x`. */
export function isRootUser(user: string | null): boolean {
  return user !== null && (user === 'root' || /^0+$/.test(user));
}

/** Non-root users created in the stage or the stages it is built FROM, latest first. */
export function createdUsers(stage: Stage): CreatedAccount[] {
  return stageLineage(stage).flatMap(s => s.accounts.filter(a => a.kind === 'user').reverse())
    .filter(a => a.name !== 'root' && a.id !== 0);
}

export function createdGroup(stage: Stage, name: string): CreatedAccount | undefined {
  return stageLineage(stage).flatMap(s => s.accounts).find(a => a.kind === 'group' && a.name === name);
}

/** Read access to the variables in effect at one point. */
export type VariableLookup = Pick<Map<string, string | null>, 'get' | 'has'>;

/**
 * The live ARG/ENV scope of a stage, which also keeps every value it ever had, so a snapshot per
 * instruction costs O(1) and a lookup O(log n) — instead of copying the whole scope per instruction.
 */
class Scope extends Map<string, string | null> {
  private readonly history = new Map<string, Array<{ seq: number; value: string | null }>>();
  private seq = 0;

  constructor(initial?: Map<string, string | null>) {
    super();
    for (const [k, v] of initial ?? []) this.set(k, v);
  }

  override set(name: string, value: string | null): this {
    // Map's constructor calls set() before this class's fields exist; it is never given entries here
    if (this.history) {
      const list = this.history.get(name) ?? [];
      list.push({ seq: ++this.seq, value });
      this.history.set(name, list);
    }
    return super.set(name, value);
  }

  snapshot(): VariableLookup {
    const at = this.seq;
    const find = (name: string) => {
      const list = this.history.get(name);
      if (!list || list[0].seq > at) return undefined;
      let lo = 0, hi = list.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (list[mid].seq <= at) lo = mid; else hi = mid - 1; }
      return list[lo];
    };
    return { get: (name: string) => find(name)?.value, has: (name: string) => find(name) !== undefined };
  }
}

function wholeParse(text: string): ParsedDockerfile {
  const ast = DockerfileParser.parse(text);
  return { instructions: ast.getInstructions(), comments: ast.getComments(), directives: ast.getDirectives(), escape: ast.getEscapeCharacter(), ast };
}
