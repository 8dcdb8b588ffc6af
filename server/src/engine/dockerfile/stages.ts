// Questions many rules ask about stages: which stages ship, which SHELL runs a RUN, what an
// instruction's arguments resolve to, and whether a FROM's image is known.
import { Instruction, JSONInstruction, Run } from 'dockerfile-ast';
import { DockerfileModel, Stage, stageLineage, wholeModel } from './model';
import { substitute, hasVariables } from './variables';

/**
 * The stages whose layers can end up in a shipped image. With `--target` (or compose `build.target`): that
 * stage and the stages it is built FROM. Otherwise the final stage, and every stage nothing else uses
 * (neither FROM nor COPY --from): such a stage only exists to be built with --target, so it may ship too.
 * Builder stages that other stages copy from do not ship.
 */
const shippableCache = [new WeakMap<DockerfileModel, Set<Stage>>(), new WeakMap<DockerfileModel, Set<Stage>>()];

export function shippableStages(view: DockerfileModel, explicitTarget = false): Set<Stage> {
  const cache = shippableCache[explicitTarget ? 1 : 0];
  let found = cache.get(view);
  if (!found) {
    const model = wholeModel(view);
    // a view of some stages (engine/lint.ts): those of its stages that ship
    if (model !== view) { const all = shippableStages(model, explicitTarget); found = new Set(view.stages.filter(s => all.has(s))); }
    else found = findShippable(model, explicitTarget);
    cache.set(view, found);
  }
  return found;
}

function findShippable(model: DockerfileModel, explicitTarget: boolean): Set<Stage> {
  const out = new Set<Stage>();
  const shipped = model.shippedStage;
  if (!shipped) return out;
  for (const s of stageLineage(shipped)) out.add(s);
  if (explicitTarget || shipped !== model.stages[model.stages.length - 1]) return out;
  const used = usedStages(model);
  for (const s of model.stages) if (!used.has(s)) for (const l of stageLineage(s)) out.add(l);
  return out;
}

/** Stages another stage builds FROM or copies from (COPY --from, RUN --mount=from=). */
// several rules ask which stages are used: answer once per model
const usedCache = new WeakMap<DockerfileModel, Set<Stage>>();

export function usedStages(view: DockerfileModel): Set<Stage> {
  const model = wholeModel(view);
  let cached = usedCache.get(model);
  if (!cached) { cached = findUsedStages(model); usedCache.set(model, cached); }
  return cached;
}

function findUsedStages(model: DockerfileModel): Set<Stage> {
  const used = new Set<Stage>();
  for (const s of model.stages) {
    if (s.parent) used.add(s.parent);
    for (const ref of referencesOf(s)) {
      const target = findStage(model, ref, s.index);
      if (target) used.add(target);
    }
  }
  return used;
}

// the --from values of a stage's instructions (a Stage the editor keeps has the same instructions)
const referencesCache = new WeakMap<Stage, string[]>();
function referencesOf(stage: Stage): string[] {
  let refs = referencesCache.get(stage);
  if (!refs) { refs = stage.instructions.flatMap(ins => stageReferences(ins).map(r => r.value)); referencesCache.set(stage, refs); }
  return refs;
}

/** `--from=` values of COPY (and `from=` of RUN --mount), with the flag's range. */
export function stageReferences(ins: Instruction): Array<{ value: string; flagRange: import('../types').Range }> {
  const flags = (ins as Partial<JSONInstruction>).getFlags?.() ?? [];
  const out: Array<{ value: string; flagRange: import('../types').Range }> = [];
  for (const f of flags) {
    const value = f.getValue();
    if (f.getName() === 'from' && value && ins.getKeyword() === 'COPY') out.push({ value, flagRange: f.getRange() });
    if (f.getName() === 'mount' && value) {
      const from = /(?:^|,)from=([^,]+)/.exec(value);
      if (from) out.push({ value: from[1], flagRange: f.getRange() });
    }
  }
  return out;
}

/** The stage a `--from` value names (by name, or by index), among the stages before `before`. */
export function findStage(view: DockerfileModel, ref: string, before = Infinity): Stage | null {
  const model = wholeModel(view);
  const r = ref.toLowerCase();
  if (/^\d+$/.test(r)) { const k = Number(r); return k < before ? model.stages[k] ?? null : null; }
  return model.stages.find(s => s.index < before && s.name === r) ?? null;
}

/** The stage an instruction belongs to. */
export function stageOf(view: DockerfileModel, ins: Instruction): Stage | null {
  const model = wholeModel(view);
  return model.stages.find(s => s.from === ins || s.instructions.includes(ins)) ?? null;
}

/** The SHELL in effect for an instruction of the stage (inherited through FROM <stage>); default `/bin/sh -c`. */
export function shellAt(stage: Stage, ins: Instruction): string[] {
  const line = ins.getRange().start.line;
  for (const s of stageLineage(stage)) {
    const shells = shellsOf(s);
    // the last SHELL before the instruction (in its own stage), or the last one of a parent stage
    let found: Instruction | undefined;
    for (const sh of shells) { if (s !== stage || sh.getRange().start.line < line) found = sh; else break; }
    if (found) {
      const json = (found as JSONInstruction).getJSONStrings?.() ?? [];
      if (json.length) return json.map(j => j.getJSONValue());
    }
  }
  return ['/bin/sh', '-c'];
}

// rules ask for the shell at every RUN: find each stage's SHELL instructions once
const shellCache = new WeakMap<Stage, Instruction[]>();
function shellsOf(stage: Stage): Instruction[] {
  let shells = shellCache.get(stage);
  if (!shells) { shells = stage.instructions.filter(i => i.getKeyword() === 'SHELL'); shellCache.set(stage, shells); }
  return shells;
}

/** True when the shell is a POSIX-like shell (sh, bash, ash, dash, zsh, ksh), not PowerShell or cmd. */
export function isPosixShell(shell: string[]): boolean {
  const prog = (shell[0] ?? '').replace(/\\/g, '/');
  const name = prog.slice(prog.lastIndexOf('/') + 1).toLowerCase();
  return /^(sh|bash|ash|dash|zsh|ksh|mksh)$/.test(name);
}

/** The instruction's text resolved with the ARG/ENV values in effect there; null when a value is unknown. */
export function resolveAt(stage: Stage, ins: Instruction, text: string, escape = '\\'): string | null {
  const scope = stage.scopes.get(ins) ?? stage.env;
  return substitute(text, scope, escape);
}

/**
 * The stage's base image when it is an image (not an earlier stage) and fully known: variables that
 * resolve to nothing (an ARG declared after FROM, or never) leave the image unknown rather than guessed.
 */
export function knownBaseImage(stage: Stage): string | null {
  if (stage.parent || stage.image === null) return null;
  const image = stage.image.trim();
  if (!image) return null;
  if (hasVariables(stage.imageRaw) && (/[:@]$/.test(image) || image.startsWith(':') || image.startsWith('/'))) return null;
  return image;
}

/** True when `offset` lies in a RUN heredoc body that names its own interpreter (`#!/usr/bin/env python3`). */
export function inShebangHeredoc(model: DockerfileModel, ins: Instruction, offset: number): boolean {
  const docs = ins instanceof Run ? ins.getHeredocs() : [];
  return docs.some(d => {
    const r = d.getContentRange();
    if (!r) return false;
    const start = model.index.offsetAt(r.start), end = model.index.offsetAt(r.end);
    return offset >= start && offset <= end && model.text.startsWith('#!', start);
  });
}

/** True when a RUN mounts a build cache over `path` (then nothing is left in the image there). */
export function mountsCacheAt(ins: Instruction, path: RegExp): boolean {
  const flags = (ins as Partial<JSONInstruction>).getFlags?.() ?? [];
  return flags.some(f => f.getName() === 'mount' && /(^|,)type=cache(,|$)/.test(f.getValue() ?? '') && path.test(/(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.getValue() ?? '')?.[1] ?? ''));
}

/**
 * The names and FROM lines of all stages, as one string: the stage-cache key of rules whose findings about
 * a stage depend on the other stages' names (`--from=` lookups, duplicate names).
 */
const namesKeyCache = new WeakMap<DockerfileModel, string>();
export function stageNamesKey(view: DockerfileModel): string {
  const model = wholeModel(view);
  let key = namesKeyCache.get(model);
  if (key === undefined) {
    key = JSON.stringify(model.stages.map(s => [s.name, s.from.getRange().start.line]));
    namesKeyCache.set(model, key);
  }
  return key;
}

/**
 * The stage's stretch of the text: from its FROM line (from the start of the file for the first stage) to
 * the next stage's FROM line — its comments and blank lines included. [start, end) offsets.
 */
export function stageSpan(view: DockerfileModel, stage: Stage): { start: number; end: number } {
  const model = wholeModel(view);
  const lineStart = (s: Stage) => model.index.offsetAt({ line: s.from.getRange().start.line, character: 0 });
  const next = model.stages[stage.index + 1];
  return { start: stage.index === 0 ? 0 : lineStart(stage), end: next ? lineStart(next) : model.text.length };
}
