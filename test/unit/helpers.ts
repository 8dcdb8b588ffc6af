// Shared test helpers: repository paths and the fixture format.
import * as fs from 'fs';
import * as path from 'path';

// out/test/unit/x.test.js → repository root
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'dockerfile');

export interface Fixture {
  ruleId: string;
  file: string;
  text: string;
  /** 0-based lines of the instructions that `# expect: <id>` markers point at, per rule id */
  expected: Array<{ ruleId: string; line: number }>;
  expectNone: boolean;
  target?: string;
  buildArgs: Record<string, string>;
  fixed?: string;
  /** `# dockerignore: absent` → null, `# dockerignore: <line>` lines → the .dockerignore text; unset → unknown */
  dockerignore?: string | null;
  /** `<name>.fixed.dockerignore`: the .dockerignore the rule's fix leaves */
  fixedDockerignore?: string;
  /** `# trusted-registries: a, b` → LintOptions.trustedRegistries */
  trustedRegistries?: string[];
}

export function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const rule of fs.readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, rule);
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith('.Dockerfile') || name.endsWith('.fixed.Dockerfile')) continue;
      const file = path.join(dir, name);
      const text = fs.readFileSync(file, 'utf8');
      const fixedFile = file.replace(/\.Dockerfile$/, '.fixed.Dockerfile');
      const ignoreFile = file.replace(/\.Dockerfile$/, '.fixed.dockerignore');
      out.push({ ruleId: `dockerfile/${rule}`, file, text, ...parseMarkers(text), fixed: fs.existsSync(fixedFile) ? fs.readFileSync(fixedFile, 'utf8') : undefined,
        fixedDockerignore: fs.existsSync(ignoreFile) ? fs.readFileSync(ignoreFile, 'utf8') : undefined });
    }
  }
  return out;
}

/** `# expect: <id>` marks the next instruction line; `# target:` and `# build-arg:` set options. */
function parseMarkers(text: string) {
  const lines = text.split('\n');
  const expected: Array<{ ruleId: string; line: number }> = [];
  let expectNone = false;
  let target: string | undefined;
  const buildArgs: Record<string, string> = {};
  let dockerignore: string | null | undefined;
  let trustedRegistries: string[] | undefined;
  lines.forEach((l, i) => {
    const m = /^\s*#\s*expect:\s*(.+?)\s*$/.exec(l);
    if (m) {
      if (m[1] === 'none') { expectNone = true; return; }
      let j = i + 1;
      while (j < lines.length && (/^\s*#/.test(lines[j]) || lines[j].trim() === '')) j++;
      for (const id of m[1].split(',')) expected.push({ ruleId: id.trim(), line: j });
    }
    const t = /^\s*#\s*target:\s*(\S+)/.exec(l);
    if (t) target = t[1];
    const b = /^\s*#\s*build-arg:\s*([^=\s]+)=(\S*)/.exec(l);
    if (b) buildArgs[b[1]] = b[2];
    const d = /^\s*#\s*dockerignore:\s?(.*)$/.exec(l);
    if (d) dockerignore = d[1] === 'absent' ? null : (dockerignore ?? '') + d[1] + '\n';
    const r = /^\s*#\s*trusted-registries:\s*(.*)$/.exec(l);
    if (r) trustedRegistries = r[1].split(',').map(x => x.trim()).filter(Boolean);
  });
  return { expected, expectNone, target, buildArgs, dockerignore, trustedRegistries };
}
