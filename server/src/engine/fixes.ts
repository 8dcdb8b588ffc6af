// Edit builders shared by rules: where to put lines in a stage, and the user-creation block right for
// the stage's distro family.
import { Instruction } from 'dockerfile-ast';
import { DockerfileModel, Stage, createdUsers, createdGroup } from './dockerfile/model';
import { TextEdit, Position } from './types';

export interface UserPlan {
  /** Dockerfile lines that create the user (empty when the file already creates one, or there is no shell) */
  create: string[];
  /** the value for `USER` */
  userRef: string;
  /** human wording for titles: "uid 10001", "user app" */
  label: string;
}

export interface UserFixOptions { fixUid: number; fixUserStyle: 'uid' | 'name' }

const NAME = 'app';

/** How to run the stage as non-root: reuse a user the file creates, else create one the distro's way. */
export function planNonRootUser(stage: Stage, opts: UserFixOptions): UserPlan {
  const existing = createdUsers(stage)[0];
  if (existing) {
    const gid = existing.group === null ? null : /^\d+$/.test(existing.group) ? Number(existing.group) : createdGroup(stage, existing.group)?.id ?? null;
    if (opts.fixUserStyle === 'uid' && existing.id !== null) {
      const ref = gid !== null ? `${existing.id}:${gid}` : `${existing.id}`;
      return { create: [], userRef: ref, label: `uid ${existing.id}` };
    }
    return { create: [], userRef: existing.name, label: `user ${existing.name}` };
  }
  const id = opts.fixUid;
  const ref = (n: number) => (opts.fixUserStyle === 'uid' ? `${n}:${n}` : NAME);
  switch (stage.distro) {
    case 'debian':
      return { create: [`RUN groupadd --system --gid ${id} ${NAME} && useradd --system --uid ${id} --gid ${NAME} --no-create-home --shell /usr/sbin/nologin ${NAME}`], userRef: ref(id), label: `uid ${id}` };
    case 'rhel': {
      const add = `groupadd --system --gid ${id} ${NAME} && useradd --system --uid ${id} --gid ${NAME} --no-create-home --shell /sbin/nologin ${NAME}`;
      // ubi-minimal has no shadow-utils until it is installed
      const minimal = /minimal|micro/.test(stage.imageRef?.repository ?? '');
      return { create: [minimal ? `RUN microdnf install -y shadow-utils && ${add} && microdnf clean all` : `RUN ${add}`], userRef: ref(id), label: `uid ${id}` };
    }
    case 'alpine':
    case 'busybox':
      return { create: [`RUN addgroup -S -g ${id} ${NAME} && adduser -S -D -H -u ${id} -G ${NAME} ${NAME}`], userRef: ref(id), label: `uid ${id}` };
    case 'distroless':
      // no shell to create users with; distroless images ship `nonroot` (65532)
      return { create: [], userRef: opts.fixUserStyle === 'uid' ? '65532:65532' : 'nonroot', label: 'uid 65532 (nonroot)' };
    case 'scratch':
      // no /etc/passwd at all: a numeric uid is the only choice; 65534 is the conventional "nobody"
      return { create: [], userRef: '65534:65534', label: 'uid 65534' };
    default:
      return {
        create: [`# The base image's distro is unknown to Shipshape, so no user is created here: a numeric uid needs no /etc/passwd entry.`],
        userRef: `${id}:${id}`, label: `uid ${id}`,
      };
  }
}

/** Where lines that end a stage's root phase go: before the first CMD/ENTRYPOINT after its last RUN, else at its end. */
export function userInsertionPoint(model: DockerfileModel, stage: Stage): Position {
  const ins = stage.instructions;
  let lastRun = -1;
  ins.forEach((i, k) => { if (i.getKeyword() === 'RUN') lastRun = k; });
  const startAt = ins.slice(lastRun + 1).find(i => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT');
  if (startAt) return { line: firstLineWithComments(model, startAt), character: 0 };
  const last = ins.length ? ins[ins.length - 1] : stage.from;
  return { line: last.getRange().end.line + 1, character: 0 };
}

/** The instruction's first line, moved up over the comment lines directly attached above it. */
export function firstLineWithComments(model: DockerfileModel, ins: Instruction): number {
  let line = ins.getRange().start.line;
  const commentLines = new Set(model.comments.map(c => c.getRange().start.line));
  while (line - 1 > model.directivesEndLine && commentLines.has(line - 1)) line--;
  return line;
}

/** An edit inserting whole lines before `at` (a line start), or at the end of the file. */
export function insertLines(model: DockerfileModel, at: Position, lines: string[]): TextEdit {
  const eol = model.index.eol;
  if (at.line >= model.index.lineCount) {
    const end = model.index.positionAt(model.text.length);
    const needsBreak = model.text.length > 0 && !model.text.endsWith('\n');
    return { range: { start: end, end }, newText: (needsBreak ? eol : '') + lines.join(eol) + eol };
  }
  const pos = { line: at.line, character: 0 };
  return { range: { start: pos, end: pos }, newText: lines.join(eol) + eol };
}

/** An edit replacing whole lines [from, to] with `lines`. */
export function replaceLines(model: DockerfileModel, from: number, to: number, lines: string[]): TextEdit {
  const eol = model.index.eol;
  const start = { line: from, character: 0 };
  const endLine = to + 1;
  const end = endLine >= model.index.lineCount ? model.index.positionAt(model.text.length) : { line: endLine, character: 0 };
  const trailing = endLine >= model.index.lineCount && !model.text.endsWith('\n') ? '' : eol;
  return { range: { start, end }, newText: lines.join(eol) + trailing };
}
