// Tokenizes sample lines with the TextMate engine and built-in Dockerfile/YAML grammars of the
// code-server in .tools (VS Code 1.100.3, from scripts/setup-e2e.sh) plus our injection grammar,
// and checks the scopes of shipshape-ignore comments. usage: node scripts/check-grammar.cjs [-v]
const fs = require('fs'), path = require('path');
const ROOT = path.resolve(__dirname, '..');
const VS = path.join(ROOT, '.tools/code-server/node_modules/code-server/lib/vscode');
if (!fs.existsSync(VS)) { console.error('check-grammar: missing code-server: run scripts/setup-e2e.sh'); process.exit(2); }
const tm = require(VS + '/node_modules/vscode-textmate');
const onig = require(VS + '/node_modules/vscode-oniguruma');
const pkg = require(path.join(ROOT, 'package.json'));
const ours = pkg.contributes.grammars[0];
const yaml = v => [`source.yaml${v}`, `${VS}/extensions/yaml/syntaxes/yaml${v ? '-' + v.slice(1) : ''}.tmLanguage.json`];
const files = Object.fromEntries([
  ['source.dockerfile', `${VS}/extensions/docker/syntaxes/docker.tmLanguage.json`],
  yaml(''), yaml('.1.3'), yaml('.1.2'), yaml('.1.1'), yaml('.1.0'),
  ['source.yaml.embedded', `${VS}/extensions/yaml/syntaxes/yaml-embedded.tmLanguage.json`],
  [ours.scopeName, path.join(ROOT, ours.path)],
]);
const verbose = process.argv.includes('-v');
// [grammar, line, token text, scope it must (true) or must not (false) carry]
const KW = 'keyword.control.directive.suppression.shipshape', ID = 'entity.name.type.rule-id.shipshape',
  REASON = 'string.unquoted.reason.shipshape';
const CASES = [
  ['source.dockerfile', '# shipshape-ignore dockerfile/no-sudo, dockerfile/no-setuid -- build needs it', [
    ['#', 'comment.line.number-sign.dockerfile', true], ['shipshape-ignore', KW, true],
    ['dockerfile/no-sudo', ID, true], ['dockerfile/no-setuid', ID, true], ['build needs it', REASON, true],
    ['build needs it', 'comment.line.number-sign.dockerfile', true]]],
  ['source.dockerfile', '  #shipshape-ignore-file dockerfile/require-non-root-user', [
    ['shipshape-ignore-file', KW, true], ['dockerfile/require-non-root-user', ID, true]]],
  ['source.dockerfile', '# not shipshape-ignore here', [[' not shipshape-ignore here', KW, false]]],
  ['source.dockerfile', '# shipshape-ignorex foo', [[' shipshape-ignorex foo', KW, false]]],
  ['source.dockerfile', 'RUN echo "# shipshape-ignore x"', [['# shipshape-ignore x', KW, false]]],
  ['source.yaml', 'app: # shipshape-ignore compose/no-privileged -- test rig', [
    ['shipshape-ignore', KW, true], ['compose/no-privileged', ID, true], ['test rig', REASON, true],
    ['test rig', 'comment.line.number-sign.yaml', true]]],
  ['source.yaml', 'image: shipshape-ignore', [['shipshape-ignore', KW, false]]],
];
(async () => {
  await onig.loadWASM(fs.readFileSync(VS + '/node_modules/vscode-oniguruma/release/onig.wasm').buffer);
  const reg = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: s => new onig.OnigScanner(s), createOnigString: s => new onig.OnigString(s) }),
    loadGrammar: async n => files[n] ? tm.parseRawGrammar(fs.readFileSync(files[n], 'utf8'), files[n]) : null,
    getInjections: n => (ours.injectTo.includes(n) ? [ours.scopeName] : []),
  });
  let failed = 0;
  for (const [scope, line, checks] of CASES) {
    const { tokens } = (await reg.loadGrammar(scope)).tokenizeLine(line, tm.INITIAL);
    const toks = tokens.map(t => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    if (verbose) for (const t of toks) console.log(JSON.stringify(t.text).padEnd(45), t.scopes.join(' '));
    for (const [text, want, present] of checks) {
      const tok = toks.find(t => t.text === text);
      const ok = present ? !!tok && tok.scopes.includes(want) : !toks.some(t => t.text.includes(text.trim()) && t.scopes.includes(want));
      if (!ok) { failed++; console.error(`FAIL ${scope} ${JSON.stringify(line)}: ${JSON.stringify(text)} ${present ? 'lacks' : 'has'} ${want}` + (tok ? ` (scopes: ${tok.scopes.join(' ')})` : ' (no such token)')); }
    }
  }
  console.log(failed ? `check-grammar: ${failed} failed` : `check-grammar: ok (${CASES.length} lines)`);
  process.exit(failed ? 1 : 0);
})();
