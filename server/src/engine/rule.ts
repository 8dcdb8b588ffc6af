// The rule module type. A rule declares its metadata and docs, detects in check(), and offers fixes it
// declared. The engine refuses a fix whose safety the rule did not declare.
import { Fix, FixSafety, OwaspItem, Range, Severity } from './types';
import { DockerfileModel } from './dockerfile/model';
import { LintOptions } from './types';
import { ComposeModel, ServiceModel } from './compose/model';
import { ComposeFile } from './compose/document';
import { LinkedDockerfile, LinkedService } from './compose/link';

export interface RuleDocs {
  /** one line: what is wrong */
  summary: string;
  /** the threat, in plain words */
  why: string;
  /** how to fix it */
  fix: string;
  /** Dockerfiles that yield exactly one finding of this rule */
  invalid: string[];
  /** Dockerfiles that yield none */
  valid: string[];
  /** OWASP item first */
  references: { title: string; url: string }[];
  whenNotToUse?: string;
  /** where and why the rule deliberately differs from the peers (docs page only, not the hover) */
  differences?: string;
  /** options a policy file can set for the rule (`rules.<id>.options`) */
  options?: Array<{ name: string; description: string }>;
  /** project facts the examples assume (a .dockerignore, an allow-list); the docs meta-test lints them with these */
  exampleOptions?: Pick<LintOptions, 'dockerignore' | 'trustedRegistries' | 'maxFileSize'>;
}

export interface RuleMeta {
  id: string;
  target: 'dockerfile' | 'compose';
  severity: Severity;
  defaultOn: boolean;
  owasp: OwaspItem[];
  cwe?: string;
  /** equivalent ids in other tools, e.g. `hadolint DL3002` */
  peers: string[];
  /** the fix this rule offers, if any */
  fix?: { safety: FixSafety; description: string };
  docs: RuleDocs;
}

export interface Report {
  range: Range;
  message: string;
  /** built lazily: only when a face asks for fixes */
  fixes?: () => Fix[];
}

export interface DockerfileContext {
  model: DockerfileModel;
  /** this rule's options from the policy file (`rules.<id>.options`) */
  ruleOptions?: Record<string, unknown>;
  /** compose services that build this Dockerfile, when known */
  linkedServices?: LinkedService[];
  /** the build context's .dockerignore (LintOptions.dockerignore): text, null when absent, undefined when unknown */
  dockerignore?: string | null;
  /** LintOptions.trustedRegistries */
  trustedRegistries?: string[];
  options: Required<Pick<LintOptions, 'fixUid' | 'fixUserStyle'>>;
  report(r: Report): void;
}

export interface DockerfileRule extends RuleMeta {
  target: 'dockerfile';
  /**
   * `stage`: what check() reports about a stage depends only on that stage, the stages it is built FROM,
   * whether it ships, and the options — so the editor may run it on one stage at a time (ctx.model is then
   * a view whose `stages` holds just that stage) and keep the findings of stages an edit did not touch.
   * Fixes still see the whole model through wholeModel(). Left out: the rule always sees the whole file.
   */
  scope?: 'stage';
  /**
   * With `scope: 'stage'`: what else the findings about a stage depend on, as a string (e.g. the names of
   * all stages, for a rule that resolves `--from=`; the stage's text, for a rule that reads comments too).
   * A stage's kept findings are used again only while this gives the same string. `view.whole` is the model.
   */
  stageKey?(view: DockerfileModel, stage: import('./dockerfile/model').Stage): string;
  check(ctx: DockerfileContext): void;
}

export interface ComposeReport {
  /** the service the finding is about (findings on values from another file are mapped through it) */
  service?: ServiceModel;
  /** where: a value's source, or a range in a file of the model */
  at: { file: ComposeFile; range: Range };
  message: string;
  /** a tier below the rule's severity for this finding (e.g. a less dangerous capability); a configured severity wins */
  severity?: Severity;
  fixes?: () => Fix[];
}

export interface ComposeContext {
  model: ComposeModel;
  /** this rule's options from the policy file (`rules.<id>.options`) */
  ruleOptions?: Record<string, unknown>;
  options: Required<Pick<LintOptions, 'fixUid' | 'fixUserStyle'>>;
  /** LintOptions.trustedRegistries */
  trustedRegistries?: string[];
  /** the Dockerfile a service builds, when it could be read (the Dockerfile link) */
  dockerfileOf(service: ServiceModel): LinkedDockerfile | null;
  report(r: ComposeReport): void;
}

export interface ComposeRule extends RuleMeta {
  target: 'compose';
  check(ctx: ComposeContext): void;
}

export type Rule = DockerfileRule | ComposeRule;

export function defineComposeRule(rule: ComposeRule): ComposeRule {
  if (!/^compose\/[a-z0-9-]+$/.test(rule.id)) throw new Error(`bad rule id ${rule.id}`);
  return rule;
}

export function defineRule(rule: DockerfileRule): DockerfileRule {
  if (!/^(dockerfile|compose|shipshape)\/[a-z0-9-]+$/.test(rule.id)) throw new Error(`bad rule id ${rule.id}`);
  return rule;
}

export const OWASP_TITLES: Record<OwaspItem, string> = {
  D01: 'Secure User Mapping', D02: 'Patch Management Strategy', D03: 'Network Segmentation and Firewalling',
  D04: 'Secure Defaults and Hardening', D05: 'Maintain Security Contexts', D06: 'Protect Secrets',
  D07: 'Resource Protection', D08: 'Container Image Integrity and Origin', D09: 'Follow Immutable Paradigm', D10: 'Logging',
};

/** The OWASP Docker Top 10 project page (the items are documented there and in OWASP/Docker-Security). */
export function owaspUrl(_item: OwaspItem): string {
  return 'https://owasp.org/www-project-docker-top-10/';
}

/** Where a rule's generated docs page lives (docs/rules/<target>/<name>.md in the repository). */
export const DOCS_BASE = 'https://github.com/shipshape-lint/shipshape/blob/main/docs/rules/';
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
