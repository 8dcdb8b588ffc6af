// `shipshape` CLI: lint, fix, explain, rules, docs. Exit 0 clean, 1 error-severity findings, 2 usage/I-O error.
import '../tiering';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, UsageError, HELP, CliArgs } from './args';
import { collectFiles } from './files';
import { textReport, jsonReport, sarifReport, formatRules } from './format';
import { getRule } from '../engine/lint';
import { lintFile, fixFile } from '../engine/project';
import { hardenService } from '../engine/compose/lint';
import { buildComposeModel } from '../engine/compose/model';
import { ruleMarkdown } from '../engine/docs';
import { writeDocs } from './docs';
import { LintOptions, Severity } from '../engine/types';
import { applyPolicy, isIgnored } from '../engine/policy';
import { policyFor } from './policy';
import { readIfExists, runReader } from './read';

const VERSION = '0.2.0';

function lintOptions(args: CliArgs): LintOptions {
  for (const id of args.rules) if (!getRule(id)) throw new UsageError(`unknown rule '${id}' (see: shipshape rules)`);
  return { allRules: args.allRules, only: args.rules.length ? args.rules : undefined, target: args.target, buildArgs: args.buildArgs };
}

function read(file: string): string {
  try { return fs.readFileSync(file, 'utf8'); } catch (e) { throw new Error(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`); }
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

function lint(args: CliArgs): number {
  // lint lists fixes, it does not apply them: they are not re-parsed one by one here (fix and harden do)
  const options: LintOptions = { ...lintOptions(args), verifyFixes: false };
  const report = args.format === 'json' ? jsonReport() : args.format === 'sarif' ? sarifReport(VERSION) : textReport(process.stdout.isTTY === true);
  const readFile = runReader();
  let warnings = 0;
  let failed = false;
  const inputs: Array<{ file: string; text: () => string; named: boolean }> = args.stdin
    ? [{ file: args.stdinFilename ?? 'Dockerfile', text: () => fs.readFileSync(0, 'utf8'), named: true }]
    : collectFiles(args.paths).map(f => ({ file: f.path, text: () => read(f.path), named: f.named }));
  for (const input of inputs) {
    const policy = policyFor(input.file, readFile);
    // a directory scan honours the policy's ignore globs; a file named on purpose is always linted
    if (!input.named && isIgnored(policy, path.resolve(input.file))) continue;
    const result = lintFile(input.file, input.text(), { ...applyPolicy(options, policy), readFile });
    if (result.missingTarget) throw new UsageError(`${input.file}: no stage named '${result.missingTarget}' (--target)`);
    for (const e of result.ruleErrors) process.stderr.write(`shipshape: internal error in ${e.ruleId} on ${input.file}; its findings were dropped: ${e.error.split('\n')[0]}\n`);
    const failOn = policy?.failOn ?? 'error';
    if (failOn !== 'none' && result.findings.some(f => !f.suppressed && RANK[f.severity] >= RANK[failOn])) failed = true;
    const findings = args.quiet ? result.findings.filter(f => f.severity === 'error') : result.findings;
    for (const f of findings) if (!f.suppressed && f.severity === 'warning') warnings++;
    // into the report now (after the rule errors above, as always), so this file's model can go
    report.add(input.file, findings);
  }
  process.stdout.write(report.text() + '\n');
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    process.stderr.write(`shipshape: ${warnings} warnings, more than --max-warnings ${args.maxWarnings}\n`);
    failed = true;
  }
  return !args.exitZero && failed ? 1 : 0;
}

function fix(args: CliArgs): number {
  if (args.paths.length !== 1) throw new UsageError('fix takes exactly one file');
  const file = args.paths[0];
  const options = applyPolicy(lintOptions(args), policyFor(file));
  const result = fixFile(file, read(file), { ...options, readFile: readIfExists, unsafe: args.unsafe, fixRules: args.rules.length ? args.rules : undefined });
  if (args.stdout) process.stdout.write(result.text);
  else if (result.applied.length) fs.writeFileSync(file, result.text);
  for (const a of result.applied) process.stderr.write(`fixed: ${a.title} [${a.ruleId}]\n`);
  const left = result.remaining.filter(f => !f.suppressed);
  process.stderr.write(`${file}: ${result.applied.length} fix${result.applied.length === 1 ? '' : 'es'} applied, ${left.length} problem${left.length === 1 ? '' : 's'} left${!args.unsafe && left.some(f => f.fixes.some(x => x.safety === 'unsafe')) ? ' (more with --unsafe)' : ''}\n`);
  return left.some(f => f.severity === 'error') ? 1 : 0;
}

/** `shipshape harden <compose file> [--service <name>]…`: the standard confinement fixes, per service. */
function harden(args: CliArgs): number {
  if (args.paths.length !== 1) throw new UsageError('harden takes exactly one compose file');
  const file = args.paths[0];
  let text = read(file);
  const options = { ...applyPolicy(lintOptions(args), policyFor(file)), readFile: readIfExists };
  const model = buildComposeModel(file, text, { readFile: readIfExists });
  const names = args.services.length ? args.services : model.services.filter(s => s.file === model.file).map(s => s.name);
  for (const n of names) if (!model.services.some(s => s.name === n)) throw new UsageError(`${file}: no service named '${n}'`);
  let count = 0;
  for (const name of names) {
    const r = hardenService(file, text, name, options);
    text = r.text;
    count += r.applied.length;
    for (const a of r.applied) process.stderr.write(`hardened ${name}: ${a.title} [${a.ruleId}]\n`);
  }
  if (args.stdout) process.stdout.write(text); else if (count) fs.writeFileSync(file, text);
  process.stderr.write(`${file}: ${count} fix${count === 1 ? '' : 'es'} applied to ${names.length} service${names.length === 1 ? '' : 's'}\n`);
  return 0;
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'lint': return lint(args);
    case 'fix': return fix(args);
    case 'harden': return harden(args);
    case 'explain': {
      const rule = args.paths[0] ? getRule(args.paths[0]) : undefined;
      if (!rule) throw new UsageError(args.paths[0] ? `unknown rule '${args.paths[0]}' (see: shipshape rules)` : 'explain needs a rule id');
      process.stdout.write(ruleMarkdown(rule));
      return 0;
    }
    case 'rules': process.stdout.write(formatRules(args.format) + '\n'); return 0;
    case 'docs': return writeDocs(process.cwd(), args.check);
    case 'version': case '--version': process.stdout.write(VERSION + '\n'); return 0;
    case 'help': process.stdout.write(HELP + '\n'); return 0;
    default: throw new UsageError(`unknown command '${args.command}' (use lint, fix, explain, rules)`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`shipshape: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
