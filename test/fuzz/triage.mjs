#!/usr/bin/env node
// Times each stage of one regression input on this thread, to see where a hang or crash is:
//   node test/fuzz/triage.mjs test/fuzz/regressions/<file>.json
//   node test/fuzz/triage.mjs --seed S --index I       (input I of a run with seed S, as the long run makes it)
// (run it under `timeout`, a real hang does not come back).
import { createRequire } from 'module';
import { readFileSync } from 'fs';
import { buildEngineBundle, ROOT } from './build.mjs';
import { loadSeeds, mutantAt } from './mutate.mjs';
import { COMPOSE_PATH, DOCKERFILE_PATH } from './harness.mjs';

process.setSourceMapsEnabled?.(true);
const engine = createRequire(import.meta.url)(buildEngineBundle());
const at = name => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? Number(process.argv[i + 1]) : null; };
const saved = at('index') !== null
  ? { signature: `seed ${at('seed') ?? 1}, input ${at('index')}`, input: mutantAt(loadSeeds(ROOT), at('seed') ?? 1, at('index')) }
  : JSON.parse(readFileSync(process.argv[2], 'utf8'));
const input = saved.input;
const sib = input.siblings;
const readFile = sib ? p => (/\.dockerignore$/.test(p) ? undefined : /\.ya?ml$/i.test(p) ? sib.compose : sib.dockerfile) : undefined;
const path = input.kind === 'compose' ? COMPOSE_PATH : DOCKERFILE_PATH;
const options = { ...input.options, readFile, languageId: input.kind === 'compose' ? 'dockercompose' : 'dockerfile' };
console.log(`${saved.signature}\n${input.kind}, ${input.text.length} chars${sib ? `, siblings: compose ${sib.compose.length} chars, Dockerfile ${sib.dockerfile.length} chars` : ''}`);
const time = (label, fn) => {
  const t = performance.now();
  try { const r = fn(); console.log(`${label}: ${(performance.now() - t).toFixed(0)} ms`); return r; } catch (e) { console.log(`${label}: threw after ${(performance.now() - t).toFixed(0)} ms: ${String(e.stack).split('\n').slice(0, 4).join('\n    ')}`); return null; }
};
time('yaml parseDocument (input)', () => engine.parseDocument(input.text, { merge: false, uniqueKeys: true, strict: true, prettyErrors: false }).errors.length);
if (sib) time('yaml parseDocument (sibling compose)', () => engine.parseDocument(sib.compose).errors.length);
const r = time('lintFile', () => engine.lintFile(path, input.text, options));
if (r) console.log(`  ${r.findings.length} findings, ${r.ruleErrors.length} rule errors`);
time('fixFile --unsafe', () => engine.fixFile(path, input.text, { ...options, unsafe: true }).applied.length);
if (input.kind === 'compose' && r) for (const s of [...new Set(r.findings.map(f => f.subject).filter(Boolean))].slice(0, 3)) time(`hardenService ${s}`, () => engine.hardenService(path, input.text, s, options));
