// One entry point for every face: lint or fix a file by its kind (Dockerfile or compose file), with the
// project's other files readable through `readFile` (extends, override files, the Dockerfile link).
import { lintDockerfile, fixDockerfile, FixOptions, FixResult } from './lint';
import { lintCompose, fixCompose } from './compose/lint';
import { Finding, LintOptions } from './types';
import { ReadFile } from './compose/model';
import { baseName } from './compose/paths';
import { servicesBuilding } from './compose/link';
import { FILE_TOO_LARGE, DEFAULT_MAX_FILE_SIZE } from '../rules/shipshape/file-too-large';

export type FileKind = 'dockerfile' | 'compose';

export function isDockerfileName(name: string): boolean {
  return /^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

/** compose.yaml, compose.yml, docker-compose.yml, docker-compose.*.yml, compose.*.yaml, … */
export function isComposeName(name: string): boolean {
  return /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i.test(name);
}

/** The kind of a file named on purpose: YAML is compose, anything else a Dockerfile. */
export function kindOf(path: string, languageId?: string): FileKind {
  if (languageId === 'dockercompose') return 'compose';
  if (languageId === 'dockerfile') return 'dockerfile';
  const name = baseName(path);
  return isComposeName(name) || /\.ya?ml$/i.test(name) ? 'compose' : 'dockerfile';
}

export interface FileOptions extends LintOptions { readFile?: ReadFile; languageId?: string }

export interface FileLintResult {
  kind: FileKind;
  findings: Finding[];
  ruleErrors: Array<{ ruleId: string; error: string }>;
  /** Dockerfile only: --target named a stage that does not exist */
  missingTarget: string | null;
  /** Dockerfile only: the instruction model, for actions that place comments */
  dockerfile: ReturnType<typeof lintDockerfile>['model'];
}

export function lintFile(path: string, text: string, options: FileOptions = {}): FileLintResult {
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > limit) {
    // one info finding and no analysis: a file this size is not a hand-written build file
    const message = `This file is ${(text.length / 1048576).toFixed(1)} MB, over Shipshape's limit of ${(limit / 1048576).toFixed(1)} MB: it is not analysed. Raise shipshape.maxFileSize to lint it.`;
    const finding = { ruleId: FILE_TOO_LARGE, severity: 'info' as const, message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, owasp: [], fixes: [] };
    return { kind: kindOf(path, options.languageId), findings: [finding], ruleErrors: [], missingTarget: null, dockerfile: null };
  }
  if (kindOf(path, options.languageId) === 'compose') {
    const r = lintCompose(path, text, options);
    return { kind: 'compose', findings: r.findings, ruleErrors: r.ruleErrors, missingTarget: null, dockerfile: null };
  }
  const r = lintDockerfile(text, withDockerignore(path, withLinks(path, options)));
  return { kind: 'dockerfile', findings: r.findings, ruleErrors: r.ruleErrors, missingTarget: r.model?.missingTarget ?? null, dockerfile: r.model };
}

export function fixFile(path: string, text: string, options: FileOptions & FixOptions = {}): FixResult {
  return kindOf(path, options.languageId) === 'compose' ? fixCompose(path, text, options) : fixDockerfile(text, withDockerignore(path, withLinks(path, options)));
}

/**
 * The Dockerfile link, seen from the Dockerfile: the compose services that build it. When they all name
 * the same build target and no target was given, that target is the stage that ships; their build args
 * feed ARG substitution unless given on the command line.
 */
function withLinks(path: string, options: FileOptions): FileOptions {
  if (!options.readFile || options.linkedServices) return options;
  const linkedServices = servicesBuilding(path, options.readFile);
  if (!linkedServices.length) return options;
  const targets = new Set(linkedServices.map(s => s.target));
  const target = options.target ?? (targets.size === 1 ? [...targets][0] : undefined);
  const buildArgs = { ...(linkedServices.length === 1 ? linkedServices[0].args : {}), ...options.buildArgs };
  return { ...options, linkedServices, target, buildArgs };
}

/**
 * The .dockerignore that applies to a Dockerfile built from its own folder: `<Dockerfile>.dockerignore`
 * first (BuildKit prefers it), else `.dockerignore` beside it; null when neither exists. Left unknown for
 * documents that are not files on disk (an untitled buffer has no build context).
 */
function withDockerignore(path: string, options: FileOptions): FileOptions {
  // a URI (untitled:, vscode-notebook-cell:, …) is no file on disk; relative and absolute paths are
  if (options.dockerignore !== undefined || !options.readFile || /^[a-z][a-z0-9+.-]+:/i.test(path)) return options;
  const dir = /[\\/]/.test(path) ? path.replace(/[\\/][^\\/]*$/, '') : '.';
  const text = options.readFile(`${path}.dockerignore`) ?? options.readFile(`${dir}/.dockerignore`);
  return { ...options, dockerignore: text ?? null };
}
