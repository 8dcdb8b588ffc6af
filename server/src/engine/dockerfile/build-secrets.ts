// "Move a secret to a build secret": the edits that replace an ARG/ENV credential with a BuildKit secret
// mount on the RUN steps that read it. Compose's half (`build.secrets` on the service, a top-level
// `secrets:` entry) reuses buildSecretId() so both sides name the secret the same way.
import { Instruction, Property, PropertyInstruction } from 'dockerfile-ast';
import { TextEdit } from '../types';
import { replaceLines } from '../fixes';
import { DockerfileModel, Stage, stageLineage, wholeModel } from './model';

/** The secret id for a variable: `GITHUB_TOKEN` → `github_token` (BuildKit ids allow `[a-z0-9_.-]`). */
export function buildSecretId(variable: string): string {
  return variable.toLowerCase().replace(/[^a-z0-9_.-]+/g, '_');
}

/** Where the secret is mounted inside a RUN step. */
export function buildSecretPath(secretId: string): string {
  return `/run/secrets/${secretId}`;
}

/** The `docker build` flag that supplies the secret from the builder's environment. */
export function buildSecretCliFlag(variable: string): string {
  return `--secret id=${buildSecretId(variable)},env=${variable}`;
}

export interface BuildSecretMove {
  variable: string;
  secretId: string;
  /** the Dockerfile edits: the declaration becomes a comment, each RUN that reads it mounts the secret */
  edits: TextEdit[];
  /** 0-based lines of the RUN steps that now mount the secret */
  runLines: number[];
}

/**
 * Plans the move of `property` (declared by the ARG/ENV `declaration` in `stage`) to a build secret.
 * Null when the value is also read outside shell-form RUN steps (COPY, ENV, exec-form RUN, a later stage),
 * or with a `${X:-…}` form — there the mount cannot stand in for it — or when an ENV is read by no RUN
 * (a runtime secret, which belongs to the container's environment, not the build).
 */
export function planMoveToBuildSecret(model: DockerfileModel, stage: Stage, declaration: Instruction, property: Property): BuildSecretMove | null {
  const variable = property.getName();
  const secretId = buildSecretId(variable);
  const isEnv = declaration.getKeyword() === 'ENV';
  const reference = new RegExp(`\\$(?:\\{${variable}(\\}|[:?+-])|${variable}(?![A-Za-z0-9_]))`, 'g');
  const index = model.index;
  const edits: TextEdit[] = [];
  const runLines: number[] = [];
  const after = stage.instructions.filter(i => i.getRange().start.line > declaration.getRange().end.line);
  for (const ins of after) {
    const keyword = ins.getKeyword();
    const startOffset = index.offsetAt(ins.getRange().start);
    const text = index.slice(ins.getRange());
    const redeclares = (keyword === 'ARG' || keyword === 'ENV') && new RegExp(`(^|\\s)${variable}(=|\\s|$)`).test(text.slice(3));
    const uses = [...text.matchAll(reference)];
    if (uses.length) {
      const run = stage.runs.find(r => r.instruction === ins && !r.onbuild);
      if (!run || run.execForm || uses.some(u => u[1] !== undefined && u[1] !== '}')) return null;
      const argsStart = ins.getArgumentsRange()?.start;
      if (!argsStart) return null;
      edits.push({ range: { start: argsStart, end: argsStart }, newText: `--mount=type=secret,id=${secretId} ` });
      for (const u of uses) {
        const s = startOffset + u.index!;
        edits.push({ range: index.rangeOf(s, s + u[0].length), newText: `$(cat ${buildSecretPath(secretId)})` });
      }
      runLines.push(ins.getRange().start.line);
    }
    if (redeclares) break;
  }
  if (isEnv) {
    // ENV is inherited by stages built FROM this one: a use there would lose its value
    const heirs = wholeModel(model).stages.filter(s => s !== stage && stageLineage(s).includes(stage));
    if (heirs.some(h => h.instructions.some(i => new RegExp(`\\$\\{?${variable}\\b`).test(index.slice(i.getRange()))))) return null;
    if (runLines.length === 0) return null;
  }
  const comment = `# ${variable} is a build secret: mounted at ${buildSecretPath(secretId)} by the RUN steps that need it (docker build ${buildSecretCliFlag(variable)} .)`;
  const props = (declaration as PropertyInstruction).getProperties();
  if (props.length <= 1) {
    edits.push(replaceLines(model, declaration.getRange().start.line, declaration.getRange().end.line, [comment]));
  } else {
    const start = index.offsetAt(property.getRange().start);
    let end = index.offsetAt(property.getRange().end);
    while (/[ \t]/.test(model.text[end] ?? '')) end++;
    edits.push({ range: index.rangeOf(start, end), newText: '' });
  }
  return { variable, secretId, edits, runLines };
}
