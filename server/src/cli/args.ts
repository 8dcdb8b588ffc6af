// Command-line parsing for `shipshape`: no dependency, one-line errors.

export class UsageError extends Error {}

export interface CliArgs {
  command: string;
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  allRules: boolean;
  rules: string[];
  target?: string;
  buildArgs: Record<string, string>;
  unsafe: boolean;
  stdout: boolean;
  write: boolean;
  check: boolean;
  exitZero: boolean;
  services: string[];
  stdin: boolean;
  stdinFilename?: string;
  quiet: boolean;
  maxWarnings?: number;
}

const VALUE_FLAGS = new Set(['--format', '-f', '--rule', '--target', '--build-arg', '--service', '--stdin-filename', '--max-warnings']);

export function parseArgs(argv: string[]): CliArgs {
  const [command = 'help', ...rest] = argv;
  const out: CliArgs = { command, paths: [], format: 'text', allRules: false, rules: [], buildArgs: {}, unsafe: false, stdout: false, write: false, check: false, exitZero: false, services: [], stdin: false, quiet: false };
  for (let i = 0; i < rest.length; i++) {
    let arg = rest[i];
    let value: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) { value = arg.slice(arg.indexOf('=') + 1); arg = arg.slice(0, arg.indexOf('=')); }
    if (VALUE_FLAGS.has(arg) && value === undefined) {
      value = rest[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
    }
    switch (arg) {
      case '--format': case '-f':
        if (value !== 'text' && value !== 'json' && value !== 'sarif') throw new UsageError(`unknown format '${value}' (use text, json or sarif)`);
        out.format = value; break;
      case '--rule': out.rules.push(...value!.split(',').filter(Boolean)); break;
      case '--target': out.target = value; break;
      case '--service': out.services.push(value!); break;
      case '--stdin': out.stdin = true; break;
      case '--stdin-filename': out.stdinFilename = value; break;
      case '--quiet': case '-q': out.quiet = true; break;
      case '--max-warnings': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings expects a whole number, got '${value}'`);
        out.maxWarnings = n;
        break;
      }
      case '--build-arg': {
        const eq = value!.indexOf('=');
        if (eq <= 0) throw new UsageError(`--build-arg expects NAME=VALUE, got '${value}'`);
        out.buildArgs[value!.slice(0, eq)] = value!.slice(eq + 1);
        break;
      }
      case '--all-rules': out.allRules = true; break;
      case '--unsafe': out.unsafe = true; break;
      case '--stdout': out.stdout = true; break;
      case '--write': out.write = true; break;
      case '--check': out.check = true; break;
      case '--exit-zero': out.exitZero = true; break;
      case '-h': case '--help': out.command = 'help'; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        out.paths.push(arg);
    }
  }
  return out;
}

export const HELP = `shipshape — container-security linter for Dockerfiles (OWASP Docker Top 10)

Usage:
  shipshape lint [paths…] [--format text|json|sarif] [--all-rules] [--rule <id>]… [--target <stage>] [--build-arg K=V]…
                 [--quiet] [--max-warnings N] [--exit-zero] [--stdin [--stdin-filename <name>]]
  shipshape fix <file> [--rule <id>]… [--unsafe] [--stdout] [--target <stage>] [--build-arg K=V]…
  shipshape harden <compose-file> [--service <name>]… [--stdout]   apply the standard confinement fixes to services
  shipshape explain <rule-id>
  shipshape rules [--format text|json]
  shipshape docs --write | --check     regenerate docs/rules and the README rules table (or check they are current)

lint searches directories for Dockerfile, Dockerfile.*, *.dockerfile, Containerfile and compose files
(compose.yaml, docker-compose.yml, docker-compose.*.yml, …); a file named on the command line is linted
whatever its name (YAML as compose, anything else as a Dockerfile). With no path, the current directory.
fix applies safe fixes; --unsafe also applies fixes that change runtime behaviour (e.g. adding a user).

Policy: the nearest .shipshape.yaml (or .yml) above each file sets rules on/off and their severity,
rule options, trustedRegistries, ignore globs and failOn (the severity that makes the exit code 1).

Exit codes: 0 nothing at the failOn severity (error unless the policy says otherwise), or --exit-zero;
1 a finding at that severity, or more warnings than --max-warnings; 2 usage, I/O or policy-file error.`;
