// A minimal LSP client over stdio for the benchmark (the same idea as test/lsp/client.ts, in plain JS, for
// any server): spawn, initialize, open/change documents, wait for the diagnostics of a given change, time
// requests, read the server's peak RSS.
import { spawn } from 'child_process';
import { readFileSync } from 'fs';
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

export class LspServer {
  /** command: [executable, ...args]; the process is spawned directly (no npx / shell wrapper) */
  constructor(name, command) {
    this.name = name;
    this.t0 = performance.now();
    this.proc = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', d => { if (this.stderr.length < 20000) this.stderr += d; });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.waiters = [];
    this.latest = new Map();
    this.versions = new Map();
    this.conn.onNotification('textDocument/publishDiagnostics', p => {
      const at = performance.now();
      this.latest.set(p.uri, p.diagnostics);
      this.waiters = this.waiters.filter(w => {
        if (w.uri !== p.uri || (p.version !== undefined && w.version !== undefined && p.version < w.version)) return true;
        w.resolve({ at, diagnostics: p.diagnostics });
        return false;
      });
    });
    this.conn.onRequest('workspace/configuration', p => p.items.map(() => null));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.onNotification('telemetry/event', () => undefined);
    this.conn.listen();
  }

  /** Resolves with the milliseconds from spawn to the initialize result. */
  async initialize() {
    this.capabilities = (await this.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: null, workspaceFolders: null,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          // as VS Code sends it: expensive actions may come without their edit, resolved when picked
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, resolveSupport: { properties: ['edit'] } },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
        },
      },
    })).capabilities;
    const ms = performance.now() - this.t0;
    await this.conn.sendNotification('initialized', {});
    return ms;
  }

  /** incremental sync, or full text when the server asks for it */
  get incremental() {
    const s = this.capabilities?.textDocumentSync;
    const kind = typeof s === 'number' ? s : s?.change;
    return kind === 2;
  }

  /**
   * The next diagnostics for uri (for a version at least `version` when the server reports versions; a
   * server that does not answers with the next publication, which is the one for the latest change
   * because the benchmark waits for each before it sends the next).
   */
  nextDiagnostics(uri, version, timeoutMs = 120_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no diagnostics for ${uri} v${version} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: r => { clearTimeout(timer); resolve(r); } });
    });
  }

  /** didOpen → first diagnostics, in ms */
  async open(uri, text, languageId) {
    this.versions.set(uri, { version: 1, text, languageId });
    const wait = this.nextDiagnostics(uri, 1);
    const t = performance.now();
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const r = await wait;
    return { ms: r.at - t, diagnostics: r.diagnostics };
  }

  /** Replaces line `line` with `newLine` (an incremental change of one line) → diagnostics, in ms */
  async replaceLine(uri, line, newLine) {
    const doc = this.versions.get(uri);
    const lines = doc.text.split('\n');
    const old = lines[line];
    lines[line] = newLine;
    doc.text = lines.join('\n');
    doc.version++;
    const change = this.incremental
      ? { range: { start: { line, character: 0 }, end: { line, character: old.length } }, text: newLine }
      : { text: doc.text };
    const wait = this.nextDiagnostics(uri, doc.version);
    const t = performance.now();
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [change] });
    const r = await wait;
    return { ms: r.at - t, diagnostics: r.diagnostics };
  }

  /** Times a request; rejects with { timeout: true } after timeoutMs (the server is then unusable: restart it). */
  async request(method, params, timeoutMs = 30_000) {
    const t = performance.now();
    let timer;
    const result = await Promise.race([
      this.conn.sendRequest(method, params),
      new Promise((_, reject) => { timer = setTimeout(() => reject(Object.assign(new Error(`${this.name}: ${method} took over ${timeoutMs} ms`), { timeout: timeoutMs })), timeoutMs); }),
    ]).finally(() => clearTimeout(timer));
    return { ms: performance.now() - t, result };
  }

  close(uri) {
    this.versions.delete(uri);
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** VmHWM (peak resident set) of the server process, in MB */
  peakRssMb() {
    const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  }

  kill() {
    try { this.conn.dispose(); } catch { /* gone */ }
    this.proc.kill('SIGKILL');
  }

  async shutdown() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise(r => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch { /* gone */ }
    this.conn.dispose();
    this.proc.kill();
  }
}
