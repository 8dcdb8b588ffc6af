import { defineRule } from '../../engine/rule';
import { effectiveWords, programName, ShellCommand, Word } from '../../engine/dockerfile/shell';
import { packageCommand, isInstall, PackageCommand } from '../../engine/dockerfile/packages';

interface Unpinned { manager: string; word: Word }

/** A word that names something other than a registry package: a path, a URL, a file, a variable-only word. */
function isNotPackageName(v: string): boolean {
  return v === '' || /^[./~]/.test(v) || v.includes('/') && !/^@[^/]+\/[^/]+$/.test(v) || /:\/\//.test(v) || /^git(?:\+|@)/.test(v)
    || /\.(?:deb|rpm|apk|whl|tar\.gz|tgz|zip)$/i.test(v) || /^\$\{?[A-Za-z_]\w*\}?$/.test(v);
}

/** Unpinned packages of an OS or pip install, using the shared package-command reader. */
function fromPackageCommand(p: PackageCommand): Unpinned[] {
  if (!isInstall(p)) return [];
  let args = p.args;
  // `apt-get install -y -t python`: with no package left, the -t value was meant as one
  const t = p.options.findIndex(o => o.value === '-t' || o.value === '--target-release');
  if (args.length === 0 && (p.manager === 'apt-get' || p.manager === 'apt') && t >= 0 && p.options[t + 1]) args = [p.options[t + 1]];
  const out: Unpinned[] = [];
  for (const w of args) {
    const v = w.value;
    if (isNotPackageName(v)) continue;
    let pinned: boolean;
    switch (p.manager) {
      case 'apt-get': case 'apt': case 'aptitude': pinned = /=/.test(v) || /\/[\w.-]+$/.test(v); break;
      case 'apk': pinned = /[=~<>]/.test(v); break;
      case 'pip': pinned = /[=<>~!@]/.test(v) || /\[.*\]\s*[=<>~]/.test(v); break;
      case 'yum': case 'dnf': case 'microdnf': pinned = /-(?:\d|\$)/.test(v) || /[=<>]/.test(v) || v.startsWith('@'); break;
      case 'zypper': pinned = /[=<>]/.test(v) || /-(?:\d|\$)/.test(v); break;
      default: continue; // pacman has no per-package versions
    }
    if (!pinned) out.push({ manager: p.manager === 'aptitude' ? 'aptitude' : p.manager, word: w });
  }
  return out;
}

/** `npm install|i|add …` and `yarn add`/`pnpm add`: a package is pinned by `name@version` (not @latest/@next). */
function fromNpm(cmd: ShellCommand): Unpinned[] {
  const prog = programName(cmd);
  if (prog !== 'npm' && prog !== 'yarn' && prog !== 'pnpm') return [];
  const words = effectiveWords(cmd).slice(1);
  const action = words.find(w => !w.value.startsWith('-'));
  if (!action || !(prog === 'npm' ? ['install', 'i', 'add', 'isntall', 'in'] : ['add']).includes(action.value)) return [];
  const out: Unpinned[] = [];
  for (const w of words.slice(words.indexOf(action) + 1)) {
    const v = w.value;
    if (v.startsWith('-') || isNotPackageName(v)) continue;
    const at = v.indexOf('@', v.startsWith('@') ? 1 : 0);
    const version = at > 0 ? v.slice(at + 1) : '';
    if (!version || /^(?:latest|next|\*|x)$/i.test(version)) out.push({ manager: prog, word: w });
  }
  return out;
}

/** `gem install name` without `name:version` or (for a single gem) `-v version`. */
function fromGem(cmd: ShellCommand): Unpinned[] {
  if (programName(cmd) !== 'gem') return [];
  const words = effectiveWords(cmd).slice(1);
  if (words[0]?.value !== 'install') return [];
  const gems: Word[] = [];
  let versionFlag = false;
  for (let i = 1; i < words.length; i++) {
    const v = words[i].value;
    if (v === '-v' || v === '--version') { versionFlag = true; i++; continue; }
    if (v.startsWith('--version=')) { versionFlag = true; continue; }
    if (v.startsWith('-')) { if (/^(?:-i|--install-dir|-n|--bindir|-s|--source|--platform|-g|--file)$/.test(v)) i++; continue; }
    gems.push(words[i]);
  }
  if (versionFlag && gems.length === 1) return [];
  return gems.filter(g => !g.value.includes(':') && !isNotPackageName(g.value) && !g.value.endsWith('.gem')).map(word => ({ manager: 'gem', word }));
}

export default defineRule({
  id: 'dockerfile/pin-package-versions',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: false,
  owasp: ['D08'],
  peers: ['hadolint DL3008', 'hadolint DL3013', 'hadolint DL3016', 'hadolint DL3018', 'hadolint DL3028', 'hadolint DL3033', 'hadolint DL3037', 'hadolint DL3041', 'KICS *_without_version', 'KICS *_pin_version_*'],
  docs: {
    summary: 'A package is installed without a version (apt, apk, yum/dnf, zypper, pip, npm, gem).',
    why: 'Without a version, each build installs whatever the repository serves that day: builds of the same Dockerfile differ, a broken or malicious new release goes straight into the image, and nobody can say which version shipped. Pinning makes the build reproducible and makes every upgrade a reviewed change.',
    fix: 'Name the version: `apt-get install curl=7.88.1-10+deb12u5`, `apk add curl=8.9.1-r0`, `dnf install httpd-2.4.62`, `zypper install httpd=2.4.58`, `pip install requests==2.32.3` (or a requirements file with hashes), `npm install -g typescript@5.6.3`, `gem install bundler:2.5.22`. Let a bot (Renovate, Dependabot) raise the pins.',
    invalid: ['FROM python:3.12-slim\nRUN pip install --no-cache-dir requests\n'],
    valid: ['FROM python:3.12-slim\nRUN pip install --no-cache-dir requests==2.32.3\nRUN pip install --no-cache-dir -r requirements.txt\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D08 Container Image Integrity and Origin', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Dockerfile best practices: apt-get', url: 'https://docs.docker.com/build/building/best-practices/#apt-get' },
      { title: 'hadolint DL3008', url: 'https://github.com/hadolint/hadolint/wiki/DL3008' },
    ],
    whenNotToUse: 'Images rebuilt often to pick up security patches from the distribution, where pinned OS packages would hold them back.',
    differences: 'One rule for every package manager (KICS has one query per manager). Requirement and constraint files, local paths, URLs, git sources and `.deb`/`.rpm`/`.whl` files are not packages and are skipped. `npm install x@latest` counts as unpinned, unlike KICS and hadolint: `latest` is exactly the moving target pinning avoids.',
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const run of stage.runs) {
        for (const cmd of run.commands) {
          const p = packageCommand(cmd);
          const unpinned = p ? fromPackageCommand(p) : [...fromNpm(cmd), ...fromGem(cmd)];
          for (const u of unpinned) {
            ctx.report({
              range: ctx.model.index.rangeOf(u.word.start, u.word.end),
              message: `${u.manager} installs ${u.word.value} without a pinned version: each build may get a different release. Pin it (${example(u.manager, u.word.value)}).`,
            });
          }
        }
      }
    }
  },
});

function example(manager: string, name: string): string {
  switch (manager) {
    case 'apt-get': case 'apt': case 'aptitude': case 'zypper': return `${name}=<version>`;
    case 'apk': return `${name}=<version>`;
    case 'pip': return `${name}==<version>`;
    case 'yum': case 'dnf': case 'microdnf': return `${name}-<version>`;
    case 'gem': return `${name}:<version>`;
    default: return `${name}@<version>`;
  }
}
