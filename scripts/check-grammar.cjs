// Tokenizes sample lines with the TextMate engine and built-in Dockerfile/YAML grammars of the
// code-server in .tools (VS Code 1.100.3, from scripts/setup-e2e.sh) plus our injection grammar,
// and checks the scopes of suppression comments: shipshape-ignore and the peers' comments Shipshape
// honours (hadolint, checkov, kics-scan, nosemgrep, dclint, BuildKit check=skip).
// usage: node scripts/check-grammar.cjs [-v]
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
const KW = 'keyword.control.directive.suppression.shipshape', ID = 'entity.name.type.rule-id.shipshape',
  REASON = 'string.unquoted.reason.shipshape', META = 'meta.directive.suppression.shipshape',
  DCOMMENT = 'comment.line.number-sign.dockerfile', YCOMMENT = 'comment.line.number-sign.yaml';

// [grammar, text (may hold several lines, tokenized in sequence), checks]. A check is
// [token text, scope, must (true) or must not (false) carry it], or 'untouched': every token equals
// what the built-in grammar alone produces (our grammar left the text alone).
const CASES = [
  ['source.dockerfile', '# shipshape-ignore dockerfile/no-sudo, dockerfile/no-setuid -- build needs it', [
    ['#', DCOMMENT, true], ['shipshape-ignore', KW, true],
    ['dockerfile/no-sudo', ID, true], ['dockerfile/no-setuid', ID, true], ['build needs it', REASON, true],
    ['build needs it', DCOMMENT, true]]],
  ['source.dockerfile', '  #shipshape-ignore-file dockerfile/require-non-root-user', [
    ['shipshape-ignore-file', KW, true], ['dockerfile/require-non-root-user', ID, true],
    ['  ', 'punctuation.whitespace.comment.leading.dockerfile', true], ['  ', DCOMMENT, false]]],
  ['source.dockerfile', '# not shipshape-ignore here', [[' not shipshape-ignore here', KW, false]]],
  ['source.dockerfile', '# shipshape-ignorex foo', [[' shipshape-ignorex foo', KW, false]]],
  ['source.dockerfile', 'RUN echo "# shipshape-ignore x"', [['# shipshape-ignore x', KW, false]]],
  ['source.yaml', 'app: # shipshape-ignore compose/no-privileged -- test rig', [
    ['shipshape-ignore', KW, true], ['compose/no-privileged', ID, true], ['test rig', REASON, true],
    ['test rig', YCOMMENT, true]]],
  ['source.yaml', 'image: shipshape-ignore', [['shipshape-ignore', KW, false]]],
];

// The peers' comments: [comment text after `# `, directive words, ids, reason]. Each is checked in a
// Dockerfile, as an own-line YAML comment inside a compose service and as a trailing YAML comment.
const PEERS = [
  ['hadolint ignore=DL3002,DL3008', ['hadolint', 'ignore'], ['DL3002', 'DL3008']],
  ['hadolint global ignore=DL3002, DL3059', ['hadolint', 'global', 'ignore'], ['DL3002', 'DL3059']],
  ['checkov:skip=CKV_DOCKER_3:runs as root in the test image', ['checkov', 'skip'], ['CKV_DOCKER_3'], 'runs as root in the test image'],
  ['checkov:skip=CKV2_DOCKER_1', ['checkov', 'skip'], ['CKV2_DOCKER_1']],
  ['kics-scan ignore-line', ['kics-scan', 'ignore-line'], []],
  ['kics-scan ignore-block', ['kics-scan', 'ignore-block'], []],
  ['kics-scan ignore', ['kics-scan', 'ignore'], []],
  ['kics-scan disable=e76cca7c-c3f9-4fc9-884c-b2831168ebd8,4f31dd9f-2cc3-4751-9b53-67e4af83dac0', ['kics-scan', 'disable'],
    ['e76cca7c-c3f9-4fc9-884c-b2831168ebd8', '4f31dd9f-2cc3-4751-9b53-67e4af83dac0']],
  ['nosemgrep', ['nosemgrep'], []],
  ['nosemgrep: dockerfile.security.missing-user.missing-user', ['nosemgrep'], ['dockerfile.security.missing-user.missing-user']],
  ['nosemgrep:yaml.docker-compose.security.privileged-service, rule-b', ['nosemgrep'], ['yaml.docker-compose.security.privileged-service', 'rule-b']],
  ['dclint disable-line', ['dclint', 'disable-line'], []],
  ['dclint disable-next-line no-quotes-in-volumes', ['dclint', 'disable-next-line'], ['no-quotes-in-volumes']],
  ['dclint disable service-image-require-explicit-tag, no-duplicate-exported-ports', ['dclint', 'disable'],
    ['service-image-require-explicit-tag', 'no-duplicate-exported-ports']],
  ['check=skip=JSONArgsRecommended,StageNameCasing', ['check', 'skip'], ['JSONArgsRecommended', 'StageNameCasing']],
  ['CHECK = skip = all;error=true', ['CHECK', 'skip'], ['all']],
];
const peerChecks = ([, kws, ids, reason], comment) => [
  ...kws.map(k => [k, KW, true]),
  ...ids.flatMap(i => [[i, ID, true], [i, META, true], [i, comment, true]]),
  ...(reason ? [[reason, REASON, true], [reason, comment, true]] : []),
];
for (const p of PEERS) {
  CASES.push(['source.dockerfile', `# ${p[0]}\nFROM alpine:3.20`, [['#', DCOMMENT, true], ...peerChecks(p, DCOMMENT)]]);
  CASES.push(['source.yaml', `services:\n  app:\n    # ${p[0]}\n    image: alpine:3.20`, peerChecks(p, YCOMMENT)]);
  CASES.push(['source.yaml', `services:\n  app:\n    privileged: true # ${p[0]}`, peerChecks(p, YCOMMENT)]);
}
CASES.push(
  // BuildKit's check=skip is a parser directive: first lines only, after `# syntax=`. VS Code 1.100's
  // Dockerfile grammar has no directive rule: it scopes those lines as plain comments, like any other.
  ['source.dockerfile', '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nFROM alpine:3.20', [
    ['check', KW, true], ['JSONArgsRecommended', ID, true], ['JSONArgsRecommended', DCOMMENT, true],
    [' syntax=docker/dockerfile:1', DCOMMENT, true], [' syntax=docker/dockerfile:1', KW, false]]],
  ['source.dockerfile', '# check=skip=StageNameCasing;error=true', [['StageNameCasing', ID, true], [';error=true', ID, false], [';error=true', DCOMMENT, true]]],
  ['source.dockerfile', '    # nosemgrep', [['nosemgrep', KW, true], ['    ', DCOMMENT, false]]],
  // inside a RUN continuation: the built-in grammar scopes the line as a comment, and so does Docker
  ['source.dockerfile', 'RUN apt-get update && \\\n    # hadolint ignore=DL3009\n    apt-get install -y curl', [['DL3009', ID, true]]],
  // what the server does not honour is not highlighted either
  ['source.dockerfile', '# hadolint ignore=DL3002 -- needs root', ['untouched']],
  ['source.dockerfile', '# kics-scan ignore-line please', ['untouched']],
  ['source.yaml', 'a: 1 # checkov:skip=', ['untouched']],
  ['source.yaml', 'a: 1 # nosemgrepx', ['untouched']],
  // plain comments, and the words not at a comment's start
  ['source.dockerfile', '# just a comment', ['untouched']],
  ['source.dockerfile', '  # hadolint is the Haskell Dockerfile linter', ['untouched']],
  ['source.dockerfile', '# not hadolint ignore=DL3002, nor nosemgrep', ['untouched']],
  ['source.dockerfile', '# dclint disabled this once', ['untouched']],
  ['source.yaml', '# just a comment\nimage: alpine # pinned later', ['untouched']],
  ['source.yaml', 'services: # see nosemgrep docs\n  app: {}', ['untouched']],
  // the words outside comments: Dockerfile strings and mid-line `#` (no trailing comments in a Dockerfile)
  ['source.dockerfile', 'RUN echo "# hadolint ignore=DL3002" \'# nosemgrep\'', ['untouched']],
  ['source.dockerfile', 'RUN echo hi # nosemgrep', ['untouched']],
  ['source.dockerfile', 'LABEL note="# checkov:skip=CKV_DOCKER_3:x" other=\'# check=skip=all\'', ['untouched']],
  ['source.dockerfile', 'nosemgrep: foo\nhadolint ignore=DL3002', ['untouched']],
  // ... and YAML strings, plain scalars, keys, `#` without a space before it, block scalars
  ['source.yaml', 'command: "echo # nosemgrep"\nentrypoint: \'x # dclint disable-line\'', ['untouched']],
  ['source.yaml', 'command: echo#nosemgrep\nnosemgrep: rule\nlabel: kics-scan ignore-line', ['untouched']],
  ['source.yaml', 'command: |\n  # hadolint ignore=DL3002\n  # kics-scan ignore\n  echo', ['untouched']],
  ['source.yaml', 'x: [a, "# check=skip=all"] # plain', ['untouched']],
);

(async () => {
  await onig.loadWASM(fs.readFileSync(VS + '/node_modules/vscode-oniguruma/release/onig.wasm').buffer);
  const registry = inject => new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: s => new onig.OnigScanner(s), createOnigString: s => new onig.OnigString(s) }),
    loadGrammar: async n => files[n] ? tm.parseRawGrammar(fs.readFileSync(files[n], 'utf8'), files[n]) : null,
    getInjections: n => (inject && ours.injectTo.includes(n) ? [ours.scopeName] : []),
  });
  const withOurs = registry(true), builtIn = registry(false);
  const tokenize = async (reg, scope, text) => {
    const grammar = await reg.loadGrammar(scope);
    let state = tm.INITIAL;
    const toks = [];
    for (const line of text.split('\n')) {
      const r = grammar.tokenizeLine(line, state);
      state = r.ruleStack;
      for (const t of r.tokens) toks.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    return toks;
  };
  let failed = 0, checks = 0;
  const fail = (scope, text, msg) => { failed++; console.error(`FAIL ${scope} ${JSON.stringify(text)}: ${msg}`); };
  for (const [scope, text, list] of CASES) {
    const toks = await tokenize(withOurs, scope, text);
    if (verbose) for (const t of toks) console.log(JSON.stringify(t.text).padEnd(45), t.scopes.join(' '));
    for (const check of list) {
      checks++;
      if (check === 'untouched') {
        const want = await tokenize(builtIn, scope, text), show = ts => JSON.stringify(ts.map(t => [t.text, t.scopes.slice(1)]));
        if (show(toks) !== show(want)) fail(scope, text, `not left alone by our grammar\n  got  ${show(toks)}\n  want ${show(want)}`);
        continue;
      }
      const [tokText, want, present] = check;
      const tok = toks.find(t => t.text === tokText);
      // must not: no token containing the text carries the scope (whitespace-only text: the exact token)
      const holds = t => (tokText.trim() ? t.text.includes(tokText.trim()) : t.text === tokText);
      const ok = present ? !!tok && tok.scopes.includes(want) : !toks.some(t => holds(t) && t.scopes.includes(want));
      if (!ok) fail(scope, text, `${JSON.stringify(tokText)} ${present ? 'lacks' : 'has'} ${want}` + (tok ? ` (scopes: ${tok.scopes.join(' ')})` : ' (no such token)'));
    }
  }
  console.log(failed ? `check-grammar: ${failed} of ${checks} checks failed` : `check-grammar: ok (${CASES.length} cases, ${checks} checks)`);
  process.exit(failed ? 1 : 0);
})();
