// "Shipshape: Scan workspace": lints every Dockerfile and compose file under the workspace folders, open or
// not, and publishes their diagnostics so the Problems panel shows the whole workspace. Open documents stay
// with the on-change linting; closed files keep their scanned diagnostics until the next scan, a settings or
// policy change (re-linted), or until they are opened (normal linting takes over) and closed (re-read from disk).
import { promises as fs } from 'fs';
import * as nodePath from 'path';
import { fileURLToPath } from 'url';
import {
  CancellationToken, CancellationTokenSource, Connection, Diagnostic, FileChangeType, ProgressToken, WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { lintFile, isDockerfileName, isComposeName } from '../engine/project';
import { applyPolicy, isIgnored, Policy } from '../engine/policy';
import { Settings } from './settings';
import { toDiagnostic } from './convert';

export const SCAN_REQUEST = 'shipshape/scanWorkspace';

export interface ScanParams { workDoneToken?: ProgressToken }

export interface ScanResult {
  /** Dockerfiles and compose files linted (open ones included) */
  files: number;
  /** unsuppressed findings in them */
  findings: number;
  cancelled: boolean;
  /** the walk stopped at its bounds (MAX_FILES lintable files or MAX_ENTRIES directory entries) */
  truncated: boolean;
}

export interface ScanHost {
  folders(): string[];
  isOpen(uri: string): boolean;
  /** unsuppressed findings of an open document's latest lint, when it has one */
  openFindings(uri: string): number | undefined;
  settingsFor(uri: string): Promise<Settings>;
  policyFor(path: string): Policy | null;
  /** another project file: the open document's text, else the disk */
  readFile(path: string): string | undefined;
  uriOf(path: string): string;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

/** never walked into: dependencies and VCS data are not the project's own container files */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const MAX_FILES = 10_000;
const MAX_ENTRIES = 200_000;
/** a larger "Dockerfile" is not one a person wrote; reading it would only stall the scan */
const MAX_BYTES = 1 << 20;

export function isScannedName(name: string): boolean {
  return isDockerfileName(name) || isComposeName(name);
}

const nextTick = () => new Promise<void>(resolve => setImmediate(resolve));

export class WorkspaceScan {
  /** the files the last scan covered (open or closed): closing one brings back its on-disk diagnostics */
  private readonly tracked = new Set<string>();
  private running: CancellationTokenSource | null = null;
  private refreshing: CancellationTokenSource | null = null;
  /** a scan has run: from then on the workspace's container files are kept current as they change on disk */
  private scannedOnce = false;

  constructor(private readonly host: ScanHost) {}

  /** Registers the request on the connection. */
  listen(connection: Connection): void {
    connection.onRequest(SCAN_REQUEST, async (params: ScanParams | undefined, token: CancellationToken) => {
      let progress: WorkDoneProgressReporter;
      let progressToken: CancellationToken | undefined;
      if (params?.workDoneToken !== undefined) progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
      else {
        // a client that did not pass a token still gets a cancellable notification when it supports one
        const created = await connection.window.createWorkDoneProgress().catch(() => undefined);
        progress = created ?? connection.window.attachWorkDoneProgress(undefined);
        progressToken = created?.token;
      }
      progress.begin('Shipshape: scanning the workspace', 0, 'looking for Dockerfiles and compose files', true);
      try {
        return await this.scan(() => token.isCancellationRequested || progressToken?.isCancellationRequested === true,
          (percentage, message) => progress.report(percentage, message));
      } finally {
        progress.done();
      }
    });
  }

  /** Walks the folders, lints what it finds and publishes it. A new scan supersedes a running one. */
  async scan(cancelled: () => boolean = () => false, report: (percentage: number, message: string) => void = () => undefined): Promise<ScanResult> {
    this.running?.cancel();
    this.refreshing?.cancel();
    const own = this.running = new CancellationTokenSource();
    const stop = () => cancelled() || own.token.isCancellationRequested;
    const started = Date.now();
    const { files, truncated } = await this.collect(stop);
    const seen = new Set<string>();
    let findings = 0;
    let done = 0;
    let reported = 0;
    for (const path of files) {
      if (stop()) break;
      const uri = this.host.uriOf(path);
      seen.add(uri);
      const count = await this.lintOne(path, uri);
      if (count !== null) { findings += count; done++; }
      if (Date.now() - reported > 100) {
        reported = Date.now();
        report(Math.floor((done * 100) / Math.max(files.length, 1)), `${done}/${files.length} ${nodePath.basename(path)}`);
      }
      await nextTick(); // lets a cancellation (or a keystroke's didChange) in between files
    }
    const cancelledNow = stop();
    this.scannedOnce = true;
    if (!cancelledNow) {
      // files that went away or became ignored since the last scan lose their old diagnostics
      for (const uri of [...this.tracked]) {
        if (seen.has(uri)) continue;
        this.tracked.delete(uri);
        if (!this.host.isOpen(uri)) this.host.publish(uri, []);
      }
    }
    if (this.running === own) this.running = null;
    const result: ScanResult = { files: done, findings, cancelled: cancelledNow, truncated };
    this.host.log(`shipshape: workspace scan ${cancelledNow ? 'cancelled after' : 'linted'} ${done} files, ${findings} findings, in ${Date.now() - started} ms${truncated ? ` (stopped at ${MAX_FILES} files / ${MAX_ENTRIES} entries)` : ''}`);
    return result;
  }

  /** Lints one file (open: counts its latest lint; closed: from disk, publishing). null: not linted. */
  private async lintOne(path: string, uri: string): Promise<number | null> {
    if (this.host.isOpen(uri)) {
      this.tracked.add(uri);
      return this.host.openFindings(uri) ?? null;
    }
    const diagnostics = await this.lintClosed(path, uri);
    if (this.host.isOpen(uri)) return diagnostics?.length ?? null; // opened meanwhile: normal linting owns it now
    if (diagnostics === null) {
      if (this.tracked.delete(uri)) this.host.publish(uri, []);
      return null;
    }
    this.tracked.add(uri);
    this.host.publish(uri, diagnostics);
    return diagnostics.length;
  }

  private async lintClosed(path: string, uri: string): Promise<Diagnostic[] | null> {
    try {
      const stat = await fs.stat(path);
      if (!stat.isFile() || stat.size > MAX_BYTES) return null;
      const text = await fs.readFile(path, 'utf8');
      const settings = await this.host.settingsFor(this.folderUriOf(path) ?? uri);
      if (!settings.enable) return null;
      const policy = this.host.policyFor(path);
      if (isIgnored(policy, path)) return null;
      const result = lintFile(path, text, { ...applyPolicy(settings.lint, policy), readFile: p => this.host.readFile(p) });
      for (const err of result.ruleErrors) this.host.log(`shipshape: rule ${err.ruleId} failed on ${uri}; its findings were dropped: ${err.error}`);
      return result.findings.filter(f => !f.suppressed).map(f => toDiagnostic(f, p => this.host.uriOf(p)));
    } catch (e) {
      this.host.log(`shipshape: could not scan ${path}: ${(e as Error).message}`);
      return null;
    }
  }

  /** Settings are read per workspace folder for closed files: one request per folder, not one per file. */
  private folderUriOf(path: string): string | undefined {
    const folder = this.host.folders().filter(f => path === f || path.startsWith(f + nodePath.sep)).sort((a, b) => b.length - a.length)[0];
    return folder === undefined ? undefined : this.host.uriOf(folder);
  }

  /** Breadth-first walk of the workspace folders: no symlinks followed (no cycles), bounded. */
  private async collect(stop: () => boolean): Promise<{ files: string[]; truncated: boolean }> {
    const files = new Set<string>();
    const queue = [...new Set(this.host.folders())];
    let entries = 0;
    while (queue.length && !stop()) {
      const dir = queue.shift()!;
      let list;
      try { list = await fs.readdir(dir, { withFileTypes: true }); } catch { continue; }
      for (const entry of list) {
        if (++entries > MAX_ENTRIES || files.size >= MAX_FILES) return { files: [...files], truncated: true };
        const path = nodePath.join(dir, entry.name);
        if (entry.isDirectory()) { if (!SKIP_DIRS.has(entry.name)) queue.push(path); }
        else if (entry.isFile() && isScannedName(entry.name) && !isIgnored(this.host.policyFor(path), path)) files.add(path);
      }
    }
    return { files: [...files], truncated: false };
  }

  /** A document was closed: a file the scan covers goes back to its on-disk diagnostics. False when it is not one. */
  documentClosed(uri: string): boolean {
    if (!this.tracked.has(uri)) return false;
    void this.lintOne(fileURLToPath(uri), uri);
    return true;
  }

  /**
   * Files changed on disk (the client's watcher): after a first scan, the closed Dockerfiles and compose files
   * among them are re-linted (created ones join), deleted ones lose their diagnostics.
   */
  filesChanged(changes: Array<{ uri: string; type: FileChangeType }>): void {
    if (!this.scannedOnce) return;
    for (const { uri, type } of changes) {
      if (!uri.startsWith('file:') || this.host.isOpen(uri)) continue;
      const path = fileURLToPath(uri);
      if (!isScannedName(nodePath.basename(path)) || path.split(nodePath.sep).some(part => SKIP_DIRS.has(part))) continue;
      if (!this.host.folders().some(f => path.startsWith(f + nodePath.sep))) continue;
      if (type === FileChangeType.Deleted) { if (this.tracked.delete(uri)) this.host.publish(uri, []); }
      else if (!isIgnored(this.host.policyFor(path), path)) void this.lintOne(path, uri);
    }
  }

  /** Settings or a policy changed: re-lint the scanned closed files so their diagnostics follow (a running scan already reads the new ones). */
  async refresh(): Promise<void> {
    if (!this.tracked.size || this.running) return;
    this.refreshing?.cancel();
    const own = this.refreshing = new CancellationTokenSource();
    for (const uri of [...this.tracked]) {
      if (own.token.isCancellationRequested) return;
      if (!this.host.isOpen(uri)) await this.lintOne(fileURLToPath(uri), uri);
      await nextTick();
    }
    if (this.refreshing === own) this.refreshing = null;
  }
}
