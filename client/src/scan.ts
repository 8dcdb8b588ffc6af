// "Shipshape: Scan workspace": asks the server to lint every Dockerfile and compose file in the workspace
// (shipshape/scanWorkspace), with its work-done progress shown in a cancellable notification.
import * as vscode from 'vscode';
import { LanguageClient, WorkDoneProgress, WorkDoneProgressBegin, WorkDoneProgressReport } from 'vscode-languageclient/node';

export interface ScanResult { files: number; findings: number; cancelled: boolean; truncated: boolean }

let scans = 0;

export async function scanWorkspace(client: LanguageClient): Promise<ScanResult | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Shipshape', cancellable: true }, async (progress, token) => {
    const workDoneToken = `shipshape-scan-${process.pid}-${++scans}`;
    let shown = 0;
    const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, value => {
      if (value.kind === 'end') return;
      const v = value as WorkDoneProgressBegin | WorkDoneProgressReport;
      const percentage = v.percentage ?? shown;
      progress.report({ message: v.message ?? (value.kind === 'begin' ? value.title : undefined), increment: Math.max(0, percentage - shown) });
      shown = Math.max(shown, percentage);
    });
    let result: ScanResult | undefined;
    try {
      result = await client.sendRequest<ScanResult>('shipshape/scanWorkspace', { workDoneToken }, token);
    } catch (e) {
      if (token.isCancellationRequested) return undefined; // the client dropped the answer to a cancelled request
      throw e;
    } finally {
      sub.dispose();
    }
    const summary = `Shipshape ${result.cancelled ? 'stopped the scan after' : 'scanned'} ${result.files} ${result.files === 1 ? 'file' : 'files'}: `
      + `${result.findings} ${result.findings === 1 ? 'problem' : 'problems'}${result.truncated ? ' (the workspace is larger than the scan limit; some files were not scanned)' : ''}.`;
    // not awaited: the command resolves now, the message stays until dismissed
    void vscode.window.showInformationMessage(summary, 'Show Problems').then(choice => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return result;
  });
}
