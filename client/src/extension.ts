// The VS Code side: starts the language server and hands it Dockerfiles. All analysis lives in the server.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('Shipshape');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile' },
      { scheme: 'file', pattern: '**/{Dockerfile,Containerfile}{,.*}' },
      { scheme: 'file', pattern: '**/*.{dockerfile,containerfile}' },
    ],
    synchronize: { configurationSection: 'shipshape' },
    outputChannel: output,
  };
  client = new LanguageClient('shipshape', 'Shipshape', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
