// Shared engine types. Positions are 0-based (line, UTF-16 character), like LSP; the CLI adds 1.

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type FixSafety = 'safe' | 'unsafe';
export type OwaspItem = 'D01' | 'D02' | 'D03' | 'D04' | 'D05' | 'D06' | 'D07' | 'D08' | 'D09' | 'D10';

export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
  /** changes to other files (e.g. creating .dockerignore), paths relative to the linted file's folder */
  files?: FileChange[];
}

/** A change to a file other than the linted one: `create` makes it (it must not exist), else `edits` apply to its current text. */
export interface FileChange { path: string; create: boolean; edits: TextEdit[] }

export interface Suppression { kind: 'line' | 'file'; comment: string; reason: string; line: number }

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  owasp: OwaspItem[];
  fixes: Fix[];
  /** set when a suppression comment silenced this finding; such findings are not reported as problems */
  suppressed?: Suppression;
  /** what the finding is about, for grouped actions: the compose service name */
  subject?: string;
  /** where the value really comes from, when that is another file (compose extends) */
  related?: Array<{ path: string; range: Range; message: string }>;
}

export interface LintOptions {
  /** rule id → severity or off; overrides the rule's default */
  rules?: Record<string, SeveritySetting>;
  /** rule id → that rule's options from the policy file (e.g. `uid` for the user fixes) */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** turn on every rule, including off-by-default ones */
  allRules?: boolean;
  /** only run these rules (CLI --rule) */
  only?: string[];
  /** the stage that ships (docker build --target); default the last stage */
  target?: string;
  /** --build-arg values */
  buildArgs?: Record<string, string>;
  /** uid/gid the fixes assign to the created user */
  fixUid?: number;
  /** files longer than this (characters) get one info finding and no analysis (default 4 MiB) */
  maxFileSize?: number;
  /** the editor's per-document parse cache (Dockerfiles): an edit re-parses only what it touched */
  parseCache?: import('./dockerfile/incremental').DockerfileParseCache;
  /** compose services that build this Dockerfile (filled by lintFile when other files are readable) */
  linkedServices?: import('./compose/link').LinkedService[];
  /** USER line written by fixes: numeric `10001:10001` or the user's name */
  fixUserStyle?: 'uid' | 'name';
  /** the build context's .dockerignore: its text, null when known to be absent, undefined when unknown (require-dockerignore stays quiet) */
  dockerignore?: string | null;
  /**
   * Compose fixes are re-parsed before they are offered, and dropped if their output has YAML errors
   * (default). `false` lists them unchecked: for `shipshape lint`'s JSON/SARIF listing, where parsing every
   * fix of every finding doubled the run; whatever applies fixes (`fix`, `harden`, the editor) checks them.
   */
  verifyFixes?: boolean;
  /** registries (and image paths) allowed as bases, glob patterns like `ghcr.io/acme/*` (trusted-registry) */
  trustedRegistries?: string[];
}

export function rangeOf(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}
