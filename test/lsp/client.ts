// A minimal LSP client over stdio for protocol tests against the bundled dist/server.js.
import { spawn, ChildProcess } from 'child_process';
import * as path from 'path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface Diag { range: { start: { line: number; character: number }; end: { line: number; character: number } }; code: string; source: string; message: string; severity: number; codeDescription?: { href: string } }

export class TestClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  settings: Record<string, unknown> = {};
  private waiters: Array<{ uri: string; pred: (d: Diag[]) => boolean; resolve: (d: Diag[]) => void }> = [];
  readonly latest = new Map<string, Diag[]>();
  stderr = '';
  /** window/logMessage lines (the server's log, which VS Code shows in the Shipshape output channel) */
  readonly logs: string[] = [];

  constructor() {
    this.proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', d => { this.stderr += d; });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diag[] }) => {
      this.latest.set(p.uri, p.diagnostics);
      this.waiters = this.waiters.filter(w => {
        if (w.uri === p.uri && w.pred(p.diagnostics)) { w.resolve(p.diagnostics); return false; }
        return true;
      });
    });
    this.conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map(() => this.settings));
    this.conn.onRequest('window/showDocument', () => ({ success: true }));
    this.conn.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    this.conn.listen();
  }

  /** `params` adds to (or overrides) the initialize params: workspaceFolders, initializationOptions, … */
  async initialize(capabilities: Record<string, unknown> = {}, params: Record<string, unknown> = {}) {
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: null, workspaceFolders: null,
      capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } }, ...capabilities },
      ...params,
    });
    await this.conn.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  /** Resolves with the next diagnostics for uri that satisfy pred (or the latest ones, if they already do). */
  diagnostics(uri: string, pred: (d: Diag[]) => boolean = () => true, timeoutMs = 5000): Promise<Diag[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; latest: ${JSON.stringify(this.latest.get(uri))}`)), timeoutMs);
      this.waiters.push({ uri, pred, resolve: d => { clearTimeout(timer); resolve(d); } });
    });
  }

  open(uri: string, text: string, languageId = 'dockerfile', version = 1) {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async close() {
    try { await this.conn.sendRequest('shutdown'); await this.conn.sendNotification('exit'); } catch { /* already gone */ }
    this.conn.dispose();
    this.proc.kill();
  }
}

/** Applies LSP text edits to a string (edits must not overlap). */
export function applyTextEdits(text: string, edits: Array<{ range: Diag['range']; newText: string }>): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
