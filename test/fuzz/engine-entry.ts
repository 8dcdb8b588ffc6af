// The engine surface the fuzzer drives, bundled by test/fuzz/build.mjs into out/fuzz/engine.cjs.
export { lintFile, fixFile, kindOf } from '../../server/src/engine/project';
export { hardenService } from '../../server/src/engine/compose/lint';
export { applyEdits } from '../../server/src/engine/edits';
export { parseDocument } from 'yaml';
