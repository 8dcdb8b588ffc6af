// The VS Code side: starts the language server and hands it Dockerfiles. All analysis lives in the server.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { StatusItem } from './status';
import { scanWorkspace, ScanResult } from './scan';

let client: LanguageClient | undefined;

/** What the extension exports: for other extensions and the end-to-end tests. */
export interface ShipshapeApi {
  /** the status bar item's text, and whether it shows */
  status(): { text: string; visible: boolean };
  scanWorkspace(): Promise<ScanResult | undefined>;
}

export async function activate(context: vscode.ExtensionContext): Promise<ShipshapeApi> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('Shipshape');
  const documentSelector = [
    { language: 'dockerfile' },
    { scheme: 'file', pattern: '**/{Dockerfile,Containerfile}{,.*}' },
    { scheme: 'file', pattern: '**/*.{dockerfile,containerfile}' },
    { language: 'dockercompose' },
    { scheme: 'file', pattern: '**/{docker-compose,compose}*.{yml,yaml}' },
    // the policy file: validated by the server, with positioned diagnostics
    { scheme: 'file', pattern: '**/.shipshape.{yaml,yml}' },
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: {
      configurationSection: 'shipshape',
      fileEvents: [
        // a saved policy file applies at once, without reloading the window
        vscode.workspace.createFileSystemWatcher('**/.shipshape.{yaml,yml}'),
        // after a workspace scan, closed Dockerfiles and compose files stay current as they change on disk
        vscode.workspace.createFileSystemWatcher('**/{Dockerfile,Dockerfile.*,Containerfile,Containerfile.*,*.dockerfile,*.containerfile,docker-compose*.yml,docker-compose*.yaml,compose*.yml,compose*.yaml}'),
      ],
    },
    // in an untrusted workspace the server still lints (it never runs workspace code) but will not follow
    // a policy's `extends` out of the workspace
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    outputChannel: output,
    middleware: {
      // Show a rule's docs inside VS Code (works offline) instead of sending the user to a web page.
      executeCommand: async (command, args, next) => {
        if (command !== 'shipshape.showDocumentation') return next(command, args);
        return showDocumentation(String(args[0] ?? ''));
      },
    },
  };
  client = new LanguageClient('shipshape', 'Shipshape', serverOptions, clientOptions);
  await client.start();
  const started = client;
  const status = new StatusItem(documentSelector);
  context.subscriptions.push(
    status,
    vscode.commands.registerCommand('shipshape.scanWorkspace', () => scanWorkspace(started)),
    // the server's log (window/logMessage) and the client's own lines go to this channel
    vscode.commands.registerCommand('shipshape.showOutput', () => output.show(true)),
  );
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => client?.sendNotification('shipshape/workspaceTrust', { trusted: true })));
  return { status: () => ({ text: status.text, visible: status.visible }), scanWorkspace: () => scanWorkspace(started) };
}

async function showDocumentation(ruleId: string): Promise<void> {
  const docs = await client?.sendRequest<{ markdown: string; url: string } | null>('shipshape/ruleDocumentation', { ruleId });
  if (!docs) return;
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: docs.markdown });
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
