// The compose half of "move a secret to a build secret": the service that builds the Dockerfile gets
// `build.secrets: [<id>]`, and the top-level `secrets:` gets `<id>: { environment: <VAR> }`, so
// `docker compose build` passes the value from the environment instead of baking it into the image.
import { buildComposeModel, get } from './model';
import { asMap, asSeq, pairOf, Node } from './document';
import { addToMap, appendToSeq } from './edits';
import { LinkedService } from './link';
import { FileChange, TextEdit } from '../types';

export function composeBuildSecretChange(service: LinkedService, secretId: string, variable: string): FileChange | null {
  const model = buildComposeModel(service.composePath, service.composeText);
  const svc = model.services.find(s => s.name === service.name && s.file === model.file);
  const build = svc ? get(svc, 'build') : undefined;
  const buildMap = build && build.file === model.file ? asMap(build.file, build.node) : null;
  // short `build: .` has no room for secrets without rewriting it; the Dockerfile half still applies
  if (!buildMap) return null;
  const edits: TextEdit[] = [];
  const existing = pairOf(buildMap, 'secrets');
  const seq = existing ? asSeq(model.file, existing.value) : null;
  if (seq) {
    if (!seq.items.some(i => (i as { value?: unknown }).value === secretId)) {
      const e = appendToSeq(model.file, seq, secretId);
      if (!e) return null;
      edits.push(e);
    }
  } else if (!existing) {
    const e = addToMap(model.file, buildMap, ['secrets:', `  - ${secretId}`]);
    if (!e) return null;
    edits.push(e);
  } else return null;
  const root = asMap(model.file, model.file.doc.contents);
  if (!root) return null;
  const top = pairOf(root, 'secrets');
  const topMap = top ? asMap(model.file, top.value as Node) : null;
  if (top && !topMap) return null;
  if (topMap) {
    if (!pairOf(topMap, secretId)) {
      const e = addToMap(model.file, topMap, [`${secretId}:`, `  environment: ${variable}`]);
      if (!e) return null;
      edits.push(e);
    }
  } else {
    const e = addToMap(model.file, root, ['secrets:', `  ${secretId}:`, `    environment: ${variable}`]);
    if (!e) return null;
    edits.push(e);
  }
  return edits.length ? { path: service.composePath, create: false, edits } : null;
}
