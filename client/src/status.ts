// The status bar item: Shipshape's counts for the active file ("$(shield) Shipshape 2 errors, 1 warning"),
// shown only for files Shipshape lints; a click opens the Problems panel.
import * as vscode from 'vscode';

export interface Counts { errors: number; warnings: number; infos: number }

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function countsText(c: Counts): string {
  const parts = [
    c.errors ? plural(c.errors, 'error', 'errors') : '',
    c.warnings ? plural(c.warnings, 'warning', 'warnings') : '',
    c.infos ? plural(c.infos, 'info', 'infos') : '',
  ].filter(Boolean);
  return `$(shield) Shipshape ${parts.length ? parts.join(', ') : '$(check)'}`;
}

export function countsOf(diagnostics: readonly vscode.Diagnostic[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.source !== 'shipshape') continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) c.errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) c.warnings++;
    else c.infos++;
  }
  return c;
}

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('shipshape.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  visible = false;

  constructor(private readonly selector: vscode.DocumentSelector) {
    this.item.name = 'Shipshape';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics(e => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some(u => u.toString() === active)) this.update();
      }),
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration('shipshape.enable')) this.update(); }),
    );
    this.update();
  }

  get text(): string { return this.item.text; }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const lints = doc && vscode.languages.match(this.selector, doc) > 0
      && vscode.workspace.getConfiguration('shipshape', doc).get<boolean>('enable') !== false;
    if (!doc || !lints) { this.item.hide(); this.visible = false; return; }
    const counts = countsOf(vscode.languages.getDiagnostics(doc.uri));
    this.item.text = countsText(counts);
    this.item.tooltip = `Shipshape: ${counts.errors} errors, ${counts.warnings} warnings, ${counts.infos} infos in ${vscode.workspace.asRelativePath(doc.uri)}. Click to open the Problems panel.`;
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
