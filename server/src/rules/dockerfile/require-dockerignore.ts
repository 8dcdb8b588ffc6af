import { defineRule } from '../../engine/rule';
import { copyInstructions, stageCopies, CopyOperand } from '../../engine/dockerfile/copies';
import { Stage } from '../../engine/dockerfile/model';
import { FileChange } from '../../engine/types';
import { TextIndex } from '../../engine/text';

/** What a .dockerignore must keep out of the context, with the line the fix writes for it and a path to test. */
const MUST_IGNORE: Array<{ what: string; probe: string; line: string }> = [
  { what: '.git', probe: '.git/config', line: '.git' },
  { what: '.env files', probe: '.env', line: '**/.env' },
  { what: '.env files', probe: '.env.production', line: '**/.env.*' },
  { what: 'private keys', probe: 'certs/server.key', line: '**/*.key' },
  { what: 'private keys', probe: 'certs/server.pem', line: '**/*.pem' },
  { what: 'SSH keys', probe: 'id_rsa', line: '**/id_rsa*' },
  { what: 'SSH keys', probe: 'id_ed25519', line: '**/id_ed25519*' },
];
/** Lines the created file adds beyond MUST_IGNORE: templates stay in, other credential stores stay out. */
const TEMPLATE_EXTRA = ['!**/.env.example', '**/.aws', '**/.ssh', '**/.netrc', '**/.git-credentials'];

export default defineRule({
  id: 'dockerfile/require-dockerignore',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D06'],
  cwe: 'CWE-538',
  peers: [],
  fix: { safety: 'unsafe', description: 'create `.dockerignore` (or add the missing lines) keeping .git, .env files and keys out of the context' },
  docs: {
    summary: 'COPY . copies the whole build context, and no .dockerignore keeps .git, .env files and keys out of it.',
    why: '`COPY . …` copies everything in the build context into a layer: the `.git` folder (with history, remotes and sometimes tokens in `.git/config`), `.env` files, private keys, cloud credentials — whatever happens to be in the folder on the machine that builds. Without a `.dockerignore` nothing filters them, and once in a layer they ship with the image.',
    fix: 'Add a `.dockerignore` beside the Dockerfile (BuildKit also reads `<Dockerfile>.dockerignore`) that excludes at least `.git`, `**/.env`, `**/.env.*`, `**/*.key`, `**/*.pem` and SSH keys — or copy only what the build needs (`COPY package.json package-lock.json ./`, `COPY src/ src/`). The quick fix creates the file, or adds the missing lines to it.',
    invalid: ['FROM node:20-slim\nWORKDIR /app\nCOPY . .\n'],
    valid: ['FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY src/ src/\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D06 Protect Secrets', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: .dockerignore files', url: 'https://docs.docker.com/build/concepts/context/#dockerignore-files' },
    ],
    exampleOptions: { dockerignore: null },
    whenNotToUse: 'Builds whose context is generated (a CI step that assembles only the files to ship) and never contains a checkout.',
    differences: 'No peer checks the build context. Shipshape reads the `.dockerignore` beside the Dockerfile (or `<Dockerfile>.dockerignore`) when the file is on disk; for an unsaved buffer, or when the context is elsewhere, it cannot know and says nothing.',
  },
  check(ctx) {
    if (ctx.dockerignore === undefined) return;
    const whole = firstWholeContextCopy(ctx.model);
    if (!whole) return;
    const text = ctx.dockerignore;
    if (text === null) {
      ctx.report({
        range: whole.range,
        message: `${whole.keyword} ${whole.raw} copies the whole build context and there is no .dockerignore: .git, .env files and keys in the folder go into the image. Add a .dockerignore (or copy only what the build needs).`,
        fixes: () => [{ title: 'Create .dockerignore (keep .git, .env files and keys out)', safety: 'unsafe', edits: [], files: [createDockerignore()] }],
      });
      return;
    }
    const rules = parseDockerignore(text);
    const missing = MUST_IGNORE.filter(m => !isIgnored(rules, m.probe));
    if (!missing.length) return;
    const whats = [...new Set(missing.map(m => m.what))];
    ctx.report({
      range: whole.range,
      message: `${whole.keyword} ${whole.raw} copies the whole build context and .dockerignore lets ${whats.join(', ')} through: they would go into the image. Add them to .dockerignore.`,
      fixes: () => [{ title: `Add ${whats.join(', ')} to .dockerignore`, safety: 'unsafe', edits: [], files: [extendDockerignore(text, missing.map(m => m.line))] }],
    });
  },
});

function firstWholeContextCopy(model: Parameters<typeof copyInstructions>[0]): (CopyOperand & { keyword: string }) | null {
  for (const stage of model.stages) {
    let found = wholeCopyCache.get(stage);
    if (found === undefined) {
      found = null;
      for (const copy of stageCopies(model, stage)) {
        if (copy.flags.has('from')) continue;
        const src = copy.sources.find(s => !s.heredoc && /^(?:\.\/?|\.\/\*|\*)$/.test(s.raw));
        if (src) { found = { ...src, keyword: copy.keyword }; break; }
      }
      wholeCopyCache.set(stage, found);
    }
    if (found) return found;
  }
  return null;
}

// per stage: the editor keeps the Stage objects an edit did not touch (dockerfile/model.ts)
const wholeCopyCache = new WeakMap<Stage, (CopyOperand & { keyword: string }) | null>();

export function createDockerignore(): FileChange {
  const lines = ['# Keep version control data, secrets and keys out of the build context (added by Shipshape)', ...MUST_IGNORE.map(m => m.line), ...TEMPLATE_EXTRA];
  return { path: '.dockerignore', create: true, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: lines.join('\n') + '\n' }] };
}

function extendDockerignore(text: string, lines: string[]): FileChange {
  const index = new TextIndex(text);
  const end = index.positionAt(text.length);
  const eol = index.eol;
  const lead = text.length > 0 && !text.endsWith('\n') ? eol : '';
  const block = ['# added by Shipshape: keep version control data, secrets and keys out of the build context', ...lines];
  return { path: '.dockerignore', create: false, edits: [{ range: { start: end, end }, newText: lead + block.join(eol) + eol }] };
}

interface IgnoreRule { pattern: RegExp; negated: boolean }

/** .dockerignore lines as Docker reads them: comments dropped, leading `/` and `./` removed, `!` negates. */
export function parseDockerignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (let line of text.split(/\r?\n/)) {
    line = line.trim();
    if (!line || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    let p = (negated ? line.slice(1) : line).trim().replace(/^(?:\.\/|\/)+/, '').replace(/\/+$/, '');
    if (!p) continue;
    if (p === '.') p = '**';
    rules.push({ pattern: globToRegExp(p), negated });
  }
  return rules;
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith('**/', i)) { re += '(?:.*/)?'; i += 2; }
    else if (glob.startsWith('**', i)) { re += '.*'; i += 1; }
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') { const close = glob.indexOf(']', i); if (close < 0) re += '\\['; else { re += glob.slice(i, close + 1).replace(/^\[!/, '[^'); i = close; } }
    else if (c === '\\' && i + 1 < glob.length) { re += '\\' + glob[++i]; }
    else re += /[.+^${}()|]/.test(c) ? '\\' + c : c;
  }
  return new RegExp(`^${re}$`);
}

/** Whether the rules exclude `path` (a file relative to the context): a pattern matching the path or one of its parent folders; the last matching rule wins. */
export function isIgnored(rules: IgnoreRule[], path: string): boolean {
  const parts = path.split('/');
  const candidates = parts.map((_, k) => parts.slice(0, k + 1).join('/'));
  let ignored = false;
  for (const r of rules) if (candidates.some(c => r.pattern.test(c))) ignored = !r.negated;
  return ignored;
}
