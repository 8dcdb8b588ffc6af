// The "convert to multi-stage" edit: the shipped stage becomes a named builder stage (every build step kept
// as written) and a minimal runtime stage for its ecosystem, which keeps ARG/ENV/WORKDIR/LABEL/EXPOSE/
// VOLUME/STOPSIGNAL/HEALTHCHECK/ENTRYPOINT/CMD, copies the build output from the builder, and runs as a
// non-root user created the runtime distro's way. No heredocs and no COPY --link (older engines reject them).
import { Instruction, JSONInstruction } from 'dockerfile-ast';
import { DockerfileModel, Stage, wholeModel } from './dockerfile/model';
import { Ecosystem, ToolchainFinding } from './dockerfile/toolchain';
import { resolveAt } from './dockerfile/stages';
import { effectiveWords, programName } from './dockerfile/shell';
import { ImageRef, parseImageRef, distroOf } from './knowledge/base-images';
import { planNonRootUser, UserFixOptions, replaceLines } from './fixes';
import { TextEdit } from './types';

const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'STOPSIGNAL', 'VOLUME', 'LABEL']);
const INTERPRETERS = /^(sh|bash|ash|python\d*(\.\d+)?|node|java|perl|ruby|php|dotnet)$/;
const PLAIN_DISTROS = new Set(['debian', 'ubuntu', 'alpine', 'busybox', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux']);

export interface Conversion { edit: TextEdit; runtimeImage: string; builderName: string }

function tagNumber(tag: string, re: RegExp, fallback: string): string {
  return re.exec(tag)?.[1] ?? fallback;
}

/** The runtime image for the ecosystem, from the builder's base reference. */
export function runtimeImageFor(ecosystem: Ecosystem, base: ImageRef | null, cgoDisabled: boolean): string {
  const tag = (base?.tag ?? '').toLowerCase();
  const alpine = tag.includes('alpine');
  const alpineTag = /alpine(3\.\d+)/.exec(tag)?.[1] ?? '3.22';
  switch (ecosystem) {
    case 'go': return alpine ? `alpine:${alpineTag}` : cgoDisabled ? 'gcr.io/distroless/static-debian12:nonroot' : 'debian:bookworm-slim';
    case 'rust': return alpine ? `alpine:${alpineTag}` : 'debian:bookworm-slim';
    case 'node': return `node:${tagNumber(tag, /^(\d+)/, '22')}-${alpine ? 'alpine' : 'slim'}`;
    case 'python': return `python:${tagNumber(tag, /^(\d+\.\d+)/, '3.12')}-${alpine ? 'alpine' : 'slim'}`;
    case 'java-maven': case 'java-gradle': return `eclipse-temurin:${tagNumber(tag, /(?:temurin-|jdk-?|^)(\d{2})(?!\.\d)/, '21')}-jre${alpine ? '-alpine' : ''}`;
    case 'dotnet': return `mcr.microsoft.com/dotnet/aspnet:${tagNumber(tag, /^(\d+\.\d+)/, '8.0')}`;
    default: {
      if (base && !base.registry && PLAIN_DISTROS.has(base.repository)) return `${base.repository}${base.tag ? ':' + base.tag : ''}`;
      return alpine ? `alpine:${alpineTag}` : 'debian:bookworm-slim';
    }
  }
}

function lines(model: DockerfileModel, ins: Instruction): string[] {
  const r = ins.getRange();
  const out: string[] = [];
  for (let l = r.start.line; l <= r.end.line; l++) out.push(model.index.lineText(l));
  return out;
}

function joinPath(dir: string, p: string): string {
  if (p.startsWith('/')) return p;
  return (dir.endsWith('/') ? dir : dir + '/') + p.replace(/^\.\//, '');
}

/** The WORKDIR in effect before an instruction of the stage (resolved; '/' when none). */
function workdirAt(stage: Stage, ins: Instruction | null, model: DockerfileModel): string {
  let dir = '/';
  for (const i of stage.instructions) {
    if (ins && i === ins) break;
    if (i.getKeyword() !== 'WORKDIR' || !i.getArgumentsRange()) continue;
    const raw = model.index.slice(i.getArgumentsRange()!).trim().replace(/^"(.*)"$/, '$1');
    dir = joinPath(dir, resolveAt(stage, i, raw, model.escape) ?? raw);
  }
  return dir;
}

/** The first word of the stage's ENTRYPOINT (else CMD), exec or shell form. */
function entryProgram(stage: Stage): string | null {
  const entry = [...stage.instructions].reverse().find(i => i.getKeyword() === 'ENTRYPOINT') ?? [...stage.instructions].reverse().find(i => i.getKeyword() === 'CMD');
  if (!entry) return null;
  const json = (entry as JSONInstruction).getJSONStrings();
  const words = json.length ? json.map(j => j.getJSONValue()) : entry.getArguments().map(a => a.getValue());
  return words[0] ?? null;
}

/** The `COPY --from` lines (and any runtime RUN) that bring the build output over. */
function artifactLines(model: DockerfileModel, stage: Stage, ecosystem: Ecosystem, builder: string, workdir: string): string[] {
  const from = `COPY --from=${builder}`;
  const runs = stage.runs.filter(r => !r.onbuild);
  const fill = '# Shipshape: copy anything else the app needs at run time from the builder stage, e.g.';
  switch (ecosystem) {
    case 'go': case 'dotnet': {
      const tool = ecosystem === 'go' ? 'go' : 'dotnet';
      for (const run of runs) {
        for (const c of run.commands) {
          const w = effectiveWords(c).map(x => x.value);
          if (programName(c) !== tool || !(w[1] === 'build' || w[1] === 'publish')) continue;
          const k = w.findIndex(x => x === '-o' || x === '--output');
          const out = k >= 0 ? w[k + 1] : w.find(x => x.startsWith('-o=') || x.startsWith('--output='))?.replace(/^[^=]*=/, '');
          if (out) { const p = joinPath(workdirAt(stage, run.instruction, model), out); return [`${from} ${p} ${p}`]; }
        }
      }
      return [`# Shipshape: the build output path was not found; copy it from the builder stage:`, `${from} ${joinPath(workdir, ecosystem === 'go' ? 'app' : 'out')} ${joinPath(workdir, ecosystem === 'go' ? 'app' : 'out')}`];
    }
    case 'node':
      return [`${from} ${joinPath(workdir, 'package*.json')} ${joinPath(workdir, '')}`, 'RUN npm ci --omit=dev && npm cache clean --force',
        '# Shipshape: the build output is assumed to be dist/; adjust to where your build writes.', `${from} ${joinPath(workdir, 'dist')} ${joinPath(workdir, 'dist')}`];
    case 'python':
      return [`${from} /opt/venv /opt/venv`, ...(workdir !== '/' ? [`${from} ${workdir} ${workdir}`] : [fill, `# ${from} /app /app`])];
    case 'java-maven': case 'java-gradle': {
      const dir = joinPath(workdir, ecosystem === 'java-maven' ? 'target' : 'build/libs');
      return [`${from} ${dir}/*.jar ${dir}/`];
    }
    default: {
      const program = entryProgram(stage);
      const name = program ? program.slice(program.lastIndexOf('/') + 1) : '';
      if (program && !INTERPRETERS.test(name) && (program.includes('/'))) {
        const p = joinPath(workdir, program);
        return [`${from} ${p} ${p}`, fill, `# ${from} /etc/ssl/certs /etc/ssl/certs`];
      }
      if (workdir !== '/') return [`${from} ${workdir} ${workdir}`, fill, `# ${from} /usr/local/lib /usr/local/lib`];
      return [fill, `# ${from} /out/app /usr/local/bin/app`];
    }
  }
}

/** Splits the shipped stage into `<builder>` + a runtime stage; null when the stage is built FROM another stage. */
export function convertToMultiStage(model: DockerfileModel, stage: Stage, found: ToolchainFinding, opts: UserFixOptions): Conversion | null {
  if (stage.parent || stage.image === null) return null;
  const taken = new Set(wholeModel(model).stages.map(s => s.name));
  let builder = 'builder';
  for (let k = 2; taken.has(builder); k++) builder = `builder-${k}`;
  const from = stage.from;
  const imageRange = from.getImageRange();
  if (!imageRange) return null;
  const fromHead = model.index.slice({ start: from.getRange().start, end: imageRange.end });
  const cgoDisabled = /CGO_ENABLED=0/.test(model.text);
  const runtimeImage = runtimeImageFor(found.ecosystem, found.baseRef, cgoDisabled);
  const runtimeRef = parseImageRef(runtimeImage);

  const builderLines = [`${fromHead} AS ${builder}`];
  if (found.ecosystem === 'python') builderLines.push('RUN python -m venv /opt/venv', 'ENV PATH="/opt/venv/bin:$PATH"');
  const runtimeKept: Instruction[] = [];
  const carried: string[] = [];
  const fromEnd = from.getRange().end.line;
  const stageEnd = stage.instructions.length ? stage.instructions[stage.instructions.length - 1].getRange().end.line : fromEnd;
  const skip = new Set<number>();
  for (const ins of stage.instructions) {
    const keyword = ins.getKeyword();
    if (RUNTIME_ONLY.has(keyword)) {
      runtimeKept.push(ins);
      for (let l = ins.getRange().start.line; l <= ins.getRange().end.line; l++) skip.add(l);
    }
    if (keyword === 'ARG' || keyword === 'ENV') carried.push(...lines(model, ins));
  }
  for (let l = fromEnd + 1; l <= stageEnd; l++) if (!skip.has(l)) builderLines.push(model.index.lineText(l));
  while (builderLines.length && builderLines[builderLines.length - 1].trim() === '') builderLines.pop();

  const workdir = workdirAt(stage, null, model);
  const runtimeStage: Stage = { ...stage, parent: null, accounts: [], users: [], runs: [], imageRef: runtimeRef, distro: runtimeRef ? distroOf(runtimeRef) : 'unknown', baseDefaultUser: null };
  const plan = planNonRootUser(runtimeStage, opts);
  const nameSuffix = stage.name ? ` AS ${from.getBuildStage()}` : '';
  const entry = runtimeKept.filter(i => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT');
  const rest = runtimeKept.filter(i => !entry.includes(i));
  const runtimeLines = [
    '',
    `# Runtime stage: only what the app needs to run, as a non-root user (build tools stay in ${builder}).`,
    `FROM ${runtimeImage}${nameSuffix}`,
    ...carried,
    ...(found.ecosystem === 'python' ? ['ENV PATH="/opt/venv/bin:$PATH"'] : []),
    ...(workdir !== '/' ? [`WORKDIR ${workdir}`] : []),
    ...artifactLines(model, stage, found.ecosystem, builder, workdir),
    ...plan.create,
    ...rest.flatMap(i => lines(model, i)),
    `USER ${plan.userRef}`,
    ...entry.flatMap(i => lines(model, i)),
  ];
  return { edit: replaceLines(model, from.getRange().start.line, stageEnd, [...builderLines, ...runtimeLines]), runtimeImage, builderName: builder };
}
