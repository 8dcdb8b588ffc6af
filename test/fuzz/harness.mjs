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
/**
 * How much of the fix machinery each input goes through. Every input is linted (every rule on). The fix
 * checks — fixFile --unsafe, single fixes applied one by one (each re-parsed), "Harden service" (up to 10
 * lint passes each) — cost 3–10 lints, so the short run gives them to every `fixEvery`-th input only.
 *   full  — the long run: fix checks on every input, up to 40 single fixes, up to 8 services
 *   quick — the test suite's short run: fix checks on every 5th input, up to 6 single fixes, 1 service
 *           (which one depends on the input's index)
 * Inputs over 20,000 characters get at most 4 single fixes in either plan.
 */
export const PLANS = {
  full: { fixEvery: 1, singles: 40, services: 8 },
  quick: { fixEvery: 5, singles: 6, services: 1 },
};

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

/**
 * The dockerfile/syntax findings by kind of problem (unknown instruction, instruction before FROM, …), with
 * a count each. Kinds, not messages: a fix that turns `MAINTAINER x` before FROM into `LABEL …` before FROM
 * changes the message but adds no problem.
 */
function syntaxProblems(engine, path, text, options) {
  const r = engine.lintFile(path, text, { ...options, allRules: false, only: ['dockerfile/syntax'] });
  const out = new Map();
  for (const f of r.findings) {
    if (f.ruleId !== 'dockerfile/syntax') continue;
    const m = f.message;
    const problem = /^Unknown instruction/.test(m) ? 'unknown-instruction' : /before the first FROM/.test(m) ? 'before-from'
      : /could not read/.test(m) ? 'unreadable' : m.replace(/\b[A-Z]{2,}\b/g, 'KW').replace(/\d+/g, 'N').slice(0, 60);
    const e = out.get(problem) ?? { count: 0, example: m };
    e.count++;
    out.set(problem, e);
  }
  return out;
}

function yamlErrors(engine, text) {
  return engine.parseDocument(text, YAML_OPTIONS).errors.length;
}

/**
 * Runs every check on one input; returns { failures, ms }. Never throws. `step()` is called before each
 * engine call (a lint, one fix's check, fixFile, one hardenService): the pool's watchdog times each call
 * from there, so a hang is one call that does not come back, not a long plan of many quick calls.
 */
export function checkInput(engine, input, plan = PLANS.full, step = () => undefined) {
  engine = stepping(engine, step);
  const failures = [];
  const t0 = performance.now();
  const path = input.kind === 'compose' ? COMPOSE_PATH : DOCKERFILE_PATH;
  const options = { ...input.options, readFile: readerFor(input), languageId: input.kind === 'compose' ? 'dockercompose' : 'dockerfile' };
  const text = input.text;
  const fail = (stage, e, extra = {}) => failures.push({ stage, ...errorInfo(e), ...extra });

  // the parse state of the input, against which fix outputs are judged
  let before;
  const parsesLike = (out, how, ruleId) => {
    try {
      if (input.kind === 'compose') {
        before ??= yamlErrors(engine, text);
        if (before === 0) {
          const n = yamlErrors(engine, out);
          if (n) fail('fix-parse', new Error(`${how}: output has ${n} YAML error(s), the input had none`), { how: how.split(' ')[0], ruleId, problem: 'yaml' });
        }
      } else {
        before ??= syntaxProblems(engine, path, text, options);
        const after = syntaxProblems(engine, path, out, options);
        for (const [problem, { count, example }] of after) {
          if (count > (before.get(problem)?.count ?? 0)) { fail('fix-parse', new Error(`${how}: output has a new dockerfile/syntax finding: ${example}`), { how: how.split(' ')[0], ruleId, problem }); break; }
        }
      }
    } catch (e) { fail('fix-parse', e, { how: how.split(' ')[0], ruleId }); }
  };

  let result = null;
  try { result = engine.lintFile(path, text, options); } catch (e) { fail('lint', e); }
  const fixes = (input.index ?? 0) % plan.fixEvery === 0;
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
  }
  if (result && fixes) {
    // every fix on its own, as the editor's quick fix applies it
    let singles = 0;
    // each single fix re-parses the whole output: on big inputs check a sample of them (small inputs check all)
    const maxSingles = Math.min(plan.singles, text.length > 20_000 ? 4 : text.length > 8_000 ? 8 : Infinity);
    for (const f of result.findings) {
      for (const fix of f.fixes) {
        if (!fix.edits.length || singles++ >= maxSingles) continue;
        let out;
        try { out = engine.applyEdits(text, fix.edits); } catch (e) { fail('fix', e, { ruleId: f.ruleId, what: `single fix "${fix.title}"` }); continue; }
        parsesLike(out, `single fix of ${f.ruleId}: "${fix.title}"`, f.ruleId);
      }
    }
  }

  // all fixes together, unsafe ones included (shipshape fix --unsafe)
  if (fixes) try {
    const fixed = engine.fixFile(path, text, { ...options, unsafe: true });
    if (fixed.applied.length) parsesLike(fixed.text, `fixFile --unsafe (${[...new Set(fixed.applied.map(a => a.ruleId))].join(', ')})`);
  } catch (e) { fail('fix', e, { what: 'fixFile --unsafe' }); }

  // "Harden service" for each service the findings name
  if (input.kind === 'compose' && result && fixes) {
    const all = [...new Set(result.findings.map(f => f.subject).filter(Boolean))];
    const from = all.length > plan.services ? (input.index ?? 0) % all.length : 0;
    const services = [...all.slice(from), ...all.slice(0, from)].slice(0, plan.services);
    for (const service of services) {
      try {
        const hardened = engine.hardenService(path, text, service, options);
        if (hardened.applied.length) parsesLike(hardened.text, `hardenService ${JSON.stringify(service)} (${[...new Set(hardened.applied.map(a => a.ruleId))].join(', ')})`);
      } catch (e) { fail('fix', e, { what: `hardenService ${JSON.stringify(service)}` }); }
    }
  }
  return { failures, ms: performance.now() - t0 };
}

/** The engine with `step()` called before each of its calls. */
function stepping(engine, step) {
  const wrap = fn => (...args) => { step(); return fn(...args); };
  return { ...engine, lintFile: wrap(engine.lintFile), fixFile: wrap(engine.fixFile), hardenService: wrap(engine.hardenService), parseDocument: wrap(engine.parseDocument) };
}

/** A failure's identity for de-duplication: stage, error name, message shape and the innermost frame. */
export function signature(failure) {
  if (failure.stage === 'timeout' && failure.shape) {
    // no stack: group hangs by the heaviest mutation that made the input, its kind and whether it had sibling files
    const heaviest = ['aliasBomb', 'deepNesting', 'hugeLine', 'duplicateLines'].find(m => failure.shape.mutations.includes(m)) ?? 'other';
    return `timeout|${failure.shape.kind}|${heaviest}|${failure.shape.siblings ? 'with siblings' : 'alone'}`;
  }
  if (failure.stage === 'fix-parse' && failure.problem) return `fix-parse|${failure.how}|${failure.ruleId ?? ''}|${failure.problem}`;
  const frame = (failure.stack.split('\n').find(l => /^\s+at /.test(l)) ?? '').trim().replace(/:\d+:\d+\)?$/, '').replace(/\(.*[\\/]/, '(');
  const msg = failure.message.replace(/\d+/g, 'N').replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'").slice(0, 120);
  return `${failure.stage}|${failure.ruleId ?? ''}|${failure.name}|${msg}|${frame}`;
}
