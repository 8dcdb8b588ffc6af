// `shipshape` CLI: lint, fix, explain, rules, docs. Exit 0 clean, 1 error-severity findings, 2 usage/I-O error.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, UsageError, HELP, CliArgs } from './args';
import { collectFiles, isComposeName } from './files';
import { formatText, formatJson, formatSarif, formatRules, FileResult } from './format';
import { lintDockerfile, fixDockerfile, getRule } from '../engine/lint';
import { ruleMarkdown } from '../engine/docs';
import { writeDocs } from './docs';
import { LintOptions } from '../engine/types';

const VERSION = '0.1.0';

function lintOptions(args: CliArgs): LintOptions {
  for (const id of args.rules) if (!getRule(id)) throw new UsageError(`unknown rule '${id}' (see: shipshape rules)`);
  return { allRules: args.allRules, only: args.rules.length ? args.rules : undefined, target: args.target, buildArgs: args.buildArgs };
}

function read(file: string): string {
  try { return fs.readFileSync(file, 'utf8'); } catch (e) { throw new Error(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`); }
}

function lint(args: CliArgs): number {
  const options = lintOptions(args);
  const results: FileResult[] = [];
  for (const file of collectFiles(args.paths)) {
    if (/\.ya?ml$/i.test(file) || isComposeName(path.basename(file))) {
      process.stderr.write(`shipshape: ${file}: Compose files are not linted yet; skipped\n`);
      continue;
    }
    const result = lintDockerfile(read(file), options);
    if (result.model?.missingTarget) throw new UsageError(`${file}: no stage named '${result.model.missingTarget}' (--target)`);
    for (const e of result.ruleErrors) process.stderr.write(`shipshape: internal error in ${e.ruleId} on ${file}; its findings were dropped: ${e.error.split('\n')[0]}\n`);
    results.push({ file, findings: result.findings });
  }
  const out = args.format === 'json' ? formatJson(results) : args.format === 'sarif' ? formatSarif(results, VERSION) : formatText(results, process.stdout.isTTY === true);
  process.stdout.write(out + '\n');
  return !args.exitZero && results.some(r => r.findings.some(f => !f.suppressed && f.severity === 'error')) ? 1 : 0;
}

function fix(args: CliArgs): number {
  if (args.paths.length !== 1) throw new UsageError('fix takes exactly one file');
  const file = args.paths[0];
  const options = lintOptions(args);
  const result = fixDockerfile(read(file), { ...options, unsafe: args.unsafe, fixRules: args.rules.length ? args.rules : undefined });
  if (args.stdout) process.stdout.write(result.text);
  else if (result.applied.length) fs.writeFileSync(file, result.text);
  for (const a of result.applied) process.stderr.write(`fixed: ${a.title} [${a.ruleId}]\n`);
  const left = result.remaining.filter(f => !f.suppressed);
  process.stderr.write(`${file}: ${result.applied.length} fix${result.applied.length === 1 ? '' : 'es'} applied, ${left.length} problem${left.length === 1 ? '' : 's'} left${!args.unsafe && left.some(f => f.fixes.some(x => x.safety === 'unsafe')) ? ' (more with --unsafe)' : ''}\n`);
  return left.some(f => f.severity === 'error') ? 1 : 0;
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'lint': return lint(args);
    case 'fix': return fix(args);
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
