// require-dockerignore: its fixes change .dockerignore, not the Dockerfile, so the fixture harness's
// `.fixed.dockerignore` files are checked here; and lintFile finds the .dockerignore beside a Dockerfile.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { loadFixtures } from './helpers';
import { lintDockerfile } from '../../server/src/engine/lint';
import { lintFile } from '../../server/src/engine/project';
import { applyEdits } from '../../server/src/engine/edits';

for (const fx of loadFixtures().filter(f => f.fixedDockerignore !== undefined)) {
  test(`${fx.ruleId}: ${path.basename(fx.file)} leaves .dockerignore as .fixed.dockerignore says, and the finding goes`, () => {
    const options = { only: [fx.ruleId], dockerignore: fx.dockerignore };
    const [finding] = lintDockerfile(fx.text, options).findings.filter(f => f.ruleId === fx.ruleId);
    assert.ok(finding, 'the fixture reports the rule');
    const fix = finding.fixes[0];
    assert.ok(fix, 'the finding offers a fix');
    assert.deepEqual(fix.edits, [], 'the Dockerfile is not edited');
    assert.equal(fix.files?.length, 1);
    const change = fix.files![0];
    assert.equal(change.path, '.dockerignore');
    assert.equal(change.create, fx.dockerignore === null);
    const result = applyEdits(fx.dockerignore ?? '', change.edits);
    assert.equal(result, fx.fixedDockerignore);
    assert.deepEqual(lintDockerfile(fx.text, { ...options, dockerignore: result }).findings.map(f => f.message), []);
  });
}

test('lintFile reads <Dockerfile>.dockerignore first, then .dockerignore beside it; unknown off disk', () => {
  const text = 'FROM node:20-slim\nCOPY . /app\nUSER node\n';
  const only = ['dockerfile/require-dockerignore'];
  const files: Record<string, string> = {};
  const readFile = (p: string) => files[p];
  assert.equal(lintFile('/p/Dockerfile', text, { only, readFile }).findings.length, 1, 'absent: reported');
  files['/p/.dockerignore'] = '.git\n**/.env*\n**/*.key\n**/*.pem\n**/id_*\n';
  assert.equal(lintFile('/p/Dockerfile', text, { only, readFile }).findings.length, 0, 'beside it: read');
  files['/p/Dockerfile.dockerignore'] = 'node_modules\n';
  assert.equal(lintFile('/p/Dockerfile', text, { only, readFile }).findings.length, 1, '<Dockerfile>.dockerignore wins');
  assert.equal(lintFile('untitled:Untitled-1', text, { only, readFile, languageId: 'dockerfile' }).findings.length, 0, 'no context: quiet');
  assert.equal(lintFile('/p/Dockerfile', text, { only }).findings.length, 0, 'nothing readable: quiet');
});

test('the language server turns a .dockerignore fix into CreateFile + TextDocumentEdit beside the Dockerfile', async () => {
  const { workspaceEditFor, actionsFor } = await import('../../server/src/lsp/convert');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const text = 'FROM node:20-slim\nCOPY . /app\nUSER node\n';
  const { findings, model } = lintDockerfile(text, { only: ['dockerfile/require-dockerignore'], dockerignore: null });
  const fix = findings[0].fixes[0];
  const edit = workspaceEditFor('file:///work/app/Dockerfile', fix);
  assert.equal(edit.changes, undefined);
  const [create, write] = edit.documentChanges as Array<{ kind?: string; uri?: string; textDocument?: { uri: string }; edits?: Array<{ newText: string }> }>;
  assert.equal(create.kind, 'create');
  assert.equal(create.uri, 'file:///work/app/.dockerignore');
  assert.equal(write.textDocument?.uri, 'file:///work/app/.dockerignore');
  assert.match(write.edits?.[0].newText ?? '', /^\.git$/m);
  const doc = TextDocument.create('file:///work/app/Dockerfile', 'dockerfile', 1, text);
  const titles = (can: boolean) => actionsFor('file:///work/app/Dockerfile', findings[0], model, doc, can).map(a => a.title);
  assert.ok(titles(true).includes(fix.title), 'offered when the client can create files');
  assert.ok(!titles(false).includes(fix.title), 'not offered when it cannot');
});
