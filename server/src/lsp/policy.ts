// Policy files in the editor: the nearest `.shipshape.yaml` above each document, read from the open
// document when it is open (so an edit applies at once) or from disk; a broken policy gets positioned
// diagnostics in the policy file itself, and linting goes on with the last good version of it.
import { readFileSync } from 'fs';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { findPolicyFile, loadPolicy, Policy, POLICY_NAMES } from '../engine/policy';
import { dirOf, baseName } from '../engine/compose/paths';

export interface PolicyHost {
  /** the open document's text for a path, if it is open */
  openText(path: string): string | undefined;
  publish(path: string, diagnostics: Diagnostic[]): void;
  /** workspace folders (paths); in an untrusted workspace, `extends` may not leave them */
  folders(): string[];
  trusted(): boolean;
}

export class PolicyCache {
  private readonly dirs = new Map<string, string | null>();
  private readonly loaded = new Map<string, Policy | null>();
  private readonly lastGood = new Map<string, Policy>();
  private readonly published = new Set<string>();

  constructor(private readonly host: PolicyHost) {}

  static isPolicyPath(path: string): boolean {
    return POLICY_NAMES.includes(baseName(path));
  }

  /** Forget everything: a policy file was created, changed or deleted. */
  invalidate(): void {
    this.dirs.clear();
    this.loaded.clear();
  }

  private read = (p: string): string | undefined => {
    const open = this.host.openText(p);
    if (open !== undefined) return open;
    try { return readFileSync(p, 'utf8'); } catch { return undefined; }
  };

  /** The policy for a document path (null when none applies). */
  policyFor(docPath: string): Policy | null {
    if (!docPath.startsWith('/')) return null;
    const dir = dirOf(docPath);
    if (!this.dirs.has(dir)) this.dirs.set(dir, findPolicyFile(dir, this.read));
    const policyPath = this.dirs.get(dir)!;
    return policyPath ? this.load(policyPath) : null;
  }

  /** Loads (once) and validates a policy file, publishing its problems in it. */
  load(policyPath: string): Policy | null {
    if (this.loaded.has(policyPath)) return this.loaded.get(policyPath)!;
    const folders = this.host.folders();
    const allow = (p: string) => this.host.trusted() || folders.some(f => p === f || p.startsWith(f + '/'));
    const result = loadPolicy(policyPath, this.read, allow);
    const diagnostics: Diagnostic[] = [
      ...result.errors.filter(e => e.path === policyPath).map(e => ({
        range: e.range, severity: DiagnosticSeverity.Error, source: 'shipshape', code: 'policy',
        message: `${e.key ? e.key + ': ' : ''}${e.message}${this.lastGood.has(policyPath) ? ' — Shipshape keeps using the last valid version of this file.' : ' — Shipshape lints without this policy until it is fixed.'}`,
      })),
      ...result.warnings.filter(e => e.path === policyPath).map(e => ({
        range: e.range, severity: DiagnosticSeverity.Warning, source: 'shipshape', code: 'policy',
        message: `${e.key ? e.key + ': ' : ''}${e.message}; trust the workspace to follow it.`,
      })),
    ];
    if (diagnostics.length || this.published.has(policyPath)) {
      this.host.publish(policyPath, diagnostics);
      if (diagnostics.length) this.published.add(policyPath); else this.published.delete(policyPath);
    }
    if (result.policy) this.lastGood.set(policyPath, result.policy);
    const policy = result.policy ?? this.lastGood.get(policyPath) ?? null;
    this.loaded.set(policyPath, policy);
    return policy;
  }
}
