// The Dockerfile link: a service with `build:` is judged together with the Dockerfile it builds —
// `build.target` is the shipped stage and `build.args` feed ARG substitution.
import { buildDockerfileModel, DockerfileModel, effectiveUser, isRootUser, EffectiveUser, stageLineage } from '../dockerfile/model';
import { ServiceModel, get, lookup, ReadFile, buildComposeModel } from './model';
import { asMap, scalarText, keyName, asSeq, ComposeFile } from './document';
import { dirOf, joinPath } from './paths';

export interface LinkedDockerfile {
  path: string;
  model: DockerfileModel;
  /** who the shipped stage runs as */
  user: EffectiveUser;
  /** true when the shipped stage (or a stage it is built FROM) has a HEALTHCHECK */
  hasHealthcheck: boolean;
}

export interface BuildSpec { context: string; dockerfile: string; target?: string; args: Record<string, string> }

/** The service's build section, normalised (short string form or long form); null without `build:`. */
export function buildSpec(service: ServiceModel): BuildSpec | null {
  const b = get(service, 'build');
  if (!b) return null;
  const composeDir = dirOf(b.file.path);
  const short = scalarText(b.file, b.node);
  if (short !== null) return { context: joinPath(composeDir, short), dockerfile: 'Dockerfile', args: {} };
  const map = asMap(b.file, b.node);
  if (!map) return null;
  const context = joinPath(composeDir, scalarText(b.file, map.get('context', true)) ?? '.');
  const dockerfile = scalarText(b.file, map.get('dockerfile', true)) ?? 'Dockerfile';
  const target = scalarText(b.file, map.get('target', true)) ?? undefined;
  const args: Record<string, string> = {};
  const argsNode = lookup(service, ['build', 'args']);
  if (argsNode) {
    const m = asMap(argsNode.file, argsNode.node);
    const seq = asSeq(argsNode.file, argsNode.node);
    if (m) for (const p of m.items) { const k = keyName(p); const v = scalarText(argsNode.file, p.value); if (k && v !== null) args[k] = v; }
    if (seq) for (const it of seq.items) { const t = scalarText(argsNode.file, it); const eq = t?.indexOf('=') ?? -1; if (t && eq > 0) args[t.slice(0, eq)] = t.slice(eq + 1); }
  }
  return { context, dockerfile, target, args };
}

export function linkDockerfile(service: ServiceModel, readFile: ReadFile | undefined): LinkedDockerfile | null {
  const spec = buildSpec(service);
  if (!spec || !readFile) return null;
  if (/^[a-z]+:\/\//i.test(spec.context) || spec.context.startsWith('git@')) return null; // remote contexts are not read
  const path = joinPath(spec.context, spec.dockerfile);
  const text = readFile(path);
  if (text === undefined) return null;
  const model = buildDockerfileModel(text, { target: spec.target, buildArgs: spec.args });
  const stage = model.shippedStage;
  if (!stage) return null;
  const hasHealthcheck = stageLineage(stage).some(s => s.instructions.some(i => i.getKeyword() === 'HEALTHCHECK'));
  return { path, model, user: effectiveUser(stage), hasHealthcheck };
}

/** True when the linked Dockerfile's shipped stage runs as root (explicitly, or by never setting USER). */
export function runsAsRoot(linked: LinkedDockerfile): boolean {
  if (linked.user.kind === 'implicit-root') return true;
  if (linked.user.kind === 'instruction') return isRootUser(linked.user.user.user);
  return false;
}

// ---------------------------------------------------------------- the other direction: Dockerfile → services

export interface LinkedService {
  name: string;
  composePath: string;
  /** the compose file's text as read (for fixes that edit it too) */
  composeText: string;
  /** the compose `user:` value, when set */
  user: string | null;
  /** the service defines its own healthcheck (not `disable: true`) */
  healthcheck: boolean;
  target?: string;
  args: Record<string, string>;
}

const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** Compose files that may build a Dockerfile: in its folder and up to three folders above. */
export function composeCandidates(dockerfilePath: string): string[] {
  const out: string[] = [];
  let dir = dirOf(dockerfilePath);
  for (let i = 0; i < 4; i++) {
    for (const n of COMPOSE_NAMES) out.push(joinPath(dir, n));
    const up = dirOf(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

// A Dockerfile is linted on every keystroke and the compose files around it rarely change: keep the
// last model of each (a file that cannot be parsed, too — a pathological one can take a while to fail).
const composeModels = new Map<string, { text: string; model: ReturnType<typeof buildComposeModel> | null }>();

function composeModelFor(path: string, text: string, readFile: ReadFile, parses: Map<string, ComposeFile>): ReturnType<typeof buildComposeModel> | null {
  const hit = composeModels.get(path);
  if (hit && hit.text === text) return hit.model;
  let model: ReturnType<typeof buildComposeModel> | null;
  try { model = buildComposeModel(path, text, { readFile, parses }); } catch { model = null; }
  if (composeModels.size > 64) composeModels.clear();
  composeModels.set(path, { text, model });
  return model;
}

/** The compose services (in nearby compose files) whose `build:` builds this Dockerfile. */
export function servicesBuilding(dockerfilePath: string, readFile: ReadFile): LinkedService[] {
  const out: LinkedService[] = [];
  // one parse per text for this lookup: the same text read under several names is parsed once
  const parses = new Map<string, ComposeFile>();
  for (const composePath of composeCandidates(dockerfilePath)) {
    const text = readFile(composePath);
    if (text === undefined) continue;
    const model = composeModelFor(composePath, text, readFile, parses);
    if (!model) continue;
    for (const service of model.services) {
      const spec = buildSpec(service);
      if (!spec || joinPath(spec.context, spec.dockerfile) !== dockerfilePath) continue;
      const user = get(service, 'user');
      const disabled = lookup(service, ['healthcheck', 'disable']);
      const healthcheck = !!get(service, 'healthcheck') && !(disabled && /^(true|yes)$/i.test(scalarText(disabled.file, disabled.node) ?? ''));
      out.push({ name: service.name, composePath, composeText: text, user: user ? scalarText(user.file, user.node) : null, healthcheck, target: spec.target, args: spec.args });
    }
  }
  return out;
}

/** True when every service building the Dockerfile sets a non-root `user:` (so the image's own USER does not decide). */
export function composeSetsNonRootUser(services: LinkedService[] | undefined): boolean {
  return !!services?.length && services.every(s => s.user !== null && s.user.trim() !== '' && !isRootUser(s.user.split(':')[0]));
}
