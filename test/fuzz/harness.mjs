// One fuzz input through the engine and every fix, with the checks that make a failure:
//   lint      lintFile threw
//   rule      a rule threw inside lintFile (the engine drops its findings and carries on, but it is a bug)
//   range     a finding's range is inverted or points past the end of the document
//   fix       fixFile(…, { unsafe: true }) or hardenService threw, or a single fix's edits could not be applied
//   fix-parse a fix's output does not parse where the input did: a Dockerfile gains a `dockerfile/syntax`
//             finding the input did not have; a compose file gains `yaml` parse errors where it had none
// Time is measured per input; hangs are caught by the pool's watchdog (the worker is terminated).

export const DOCKERFILE_PATH = '/fuzz/Dockerfile';
export const COMPOSE_PATH = '/fuzz/compose.yaml';
/** hardenService runs for at most this many services per input (each runs up to 10 lint passes) */
export const MAX_HARDENED_SERVICES = 8;
/** at most this many individual fixes are applied one by one per input */
export const MAX_SINGLE_FIXES = 40;

const YAML_OPTIONS = { merge: false, prettyErrors: false, uniqueKeys: true, strict: true };

function readerFor(input) {
  if (!input.siblings) return undefined;
  return p => (/\.dockerignore$/.test(p) ? undefined : /\.ya?ml$/i.test(p) ? input.siblings.compose : input.siblings.dockerfile);
}

function lineCount(text) {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) { n++; if (text.charCodeAt(i + 1) === 10) i++; }
  }
  return n;
}

function errorInfo(e) {
  if (e instanceof Error) return { name: e.name, message: String(e.message).slice(0, 500), stack: String(e.stack ?? '').split('\n').slice(0, 8).join('\n') };
  return { name: typeof e, message: String(e).slice(0, 500), stack: '' };
}

function syntaxMessages(engine, path, text, options) {
  const r = engine.lintFile(path, text, { ...options, allRules: false, only: ['dockerfile/syntax'] });
  return r.findings.filter(f => f.ruleId === 'dockerfile/syntax').map(f => f.message);
}

function yamlErrors(engine, text) {
  return engine.parseDocument(text, YAML_OPTIONS).errors.length;
}

/** Runs every check on one input; returns { failures, ms }. Never throws. */
export function checkInput(engine, input) {
  const failures = [];
  const t0 = performance.now();
  const path = input.kind === 'compose' ? COMPOSE_PATH : DOCKERFILE_PATH;
  const options = { ...input.options, readFile: readerFor(input), languageId: input.kind === 'compose' ? 'dockercompose' : 'dockerfile' };
  const text = input.text;
  const fail = (stage, e, extra = {}) => failures.push({ stage, ...errorInfo(e), ...extra });

  // the parse state of the input, against which fix outputs are judged
  let before;
  const parsesLike = (out, what) => {
    try {
      if (input.kind === 'compose') {
        before ??= yamlErrors(engine, text);
        if (before === 0) {
          const n = yamlErrors(engine, out);
          if (n) fail('fix-parse', new Error(`${what}: output has ${n} YAML error(s), the input had none`));
        }
      } else {
        before ??= new Set(syntaxMessages(engine, path, text, options));
        const added = syntaxMessages(engine, path, out, options).filter(m => !before.has(m));
        if (added.length) fail('fix-parse', new Error(`${what}: output has new dockerfile/syntax finding(s): ${added[0]}`));
      }
    } catch (e) { fail('fix-parse', e, { what }); }
  };

  let result = null;
  try { result = engine.lintFile(path, text, options); } catch (e) { fail('lint', e); }
  if (result) {
    for (const err of result.ruleErrors) {
      const lines = String(err.error).split('\n');
      failures.push({ stage: 'rule', name: 'RuleError', message: `${err.ruleId}: ${lines[0].slice(0, 400)}`, stack: lines.slice(0, 8).join('\n'), ruleId: err.ruleId });
    }
    const lastLine = lineCount(text) - 1;
    for (const f of result.findings) {
      const { start, end } = f.range;
      const bad = start.line < 0 || start.character < 0 || start.line > lastLine || end.line > lastLine || start.line > end.line || (start.line === end.line && start.character > end.character);
      if (bad) { fail('range', new Error(`${f.ruleId}: range ${JSON.stringify(f.range)} in a ${lastLine + 1}-line document`), { ruleId: f.ruleId }); break; }
    }
    // every fix on its own, as the editor's quick fix applies it
    let singles = 0;
    for (const f of result.findings) {
      for (const fix of f.fixes) {
        if (singles++ >= MAX_SINGLE_FIXES) break;
        let out;
        try { out = engine.applyEdits(text, fix.edits); } catch (e) { fail('fix', e, { ruleId: f.ruleId, what: `single fix "${fix.title}"` }); continue; }
        parsesLike(out, `${f.ruleId} fix "${fix.title}"`);
      }
    }
  }

  // all fixes together, unsafe ones included (shipshape fix --unsafe)
  try {
    const fixed = engine.fixFile(path, text, { ...options, unsafe: true });
    if (fixed.applied.length) parsesLike(fixed.text, `fixFile --unsafe (${fixed.applied.map(a => a.ruleId).join(', ')})`);
  } catch (e) { fail('fix', e, { what: 'fixFile --unsafe' }); }

  // "Harden service" for each service the findings name
  if (input.kind === 'compose' && result) {
    const services = [...new Set(result.findings.map(f => f.subject).filter(Boolean))].slice(0, MAX_HARDENED_SERVICES);
    for (const service of services) {
      try {
        const hardened = engine.hardenService(path, text, service, options);
        if (hardened.applied.length) parsesLike(hardened.text, `hardenService ${JSON.stringify(service)}`);
      } catch (e) { fail('fix', e, { what: `hardenService ${JSON.stringify(service)}` }); }
    }
  }
  return { failures, ms: performance.now() - t0 };
}

/** A failure's identity for de-duplication: stage, error name, message shape and the innermost frame. */
export function signature(failure) {
  const frame = (failure.stack.split('\n').find(l => /^\s+at /.test(l)) ?? '').trim().replace(/:\d+:\d+\)?$/, '').replace(/\(.*[\\/]/, '(');
  const msg = failure.message.replace(/\d+/g, 'N').replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'").slice(0, 120);
  return `${failure.stage}|${failure.ruleId ?? ''}|${failure.name}|${msg}|${frame}`;
}
