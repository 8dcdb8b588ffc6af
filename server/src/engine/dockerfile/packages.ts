// Reads package-manager commands out of RUN shell commands: which manager, which action (install,
// update, clean…), its options and its package arguments, with document offsets for fixes.
// apt-get/apt/aptitude, apk, yum/dnf/microdnf, zypper, pacman, pip (also `python -m pip`).
import { ShellCommand, Word, effectiveWords } from './shell';

export type PackageManager = 'apt-get' | 'apt' | 'aptitude' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'pacman' | 'pip';

/** Normalised actions; anything else is kept as the manager's own word. */
export type PackageAction = 'install' | 'update' | 'upgrade' | 'clean' | 'remove' | string;

export interface PackageCommand {
  manager: PackageManager;
  action: PackageAction;
  /** the program word (`apt-get`, `pip3`; for `python -m pip`, the `pip` word) */
  program: Word;
  /** the subcommand word, null when the action is given by a flag (pacman -S, apk --update) */
  actionWord: Word | null;
  /** option words (starting with `-`), before and after the subcommand */
  options: Word[];
  /** non-option words after the subcommand (packages, or `all` for `yum clean all`) */
  args: Word[];
  cmd: ShellCommand;
}

// options that take the next word as their value
const VALUED: Record<string, Set<string>> = {
  apt: new Set(['-o', '-c', '-t', '--target-release', '--option', '--config-file']),
  apk: new Set(['-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '-t', '--virtual']),
  rpm: new Set(['--enablerepo', '--disablerepo', '--installroot', '--releasever', '-c', '--config', '--setopt', '-d', '--debuglevel', '-e', '--errorlevel', '-x', '--exclude', '--repo']),
  zypper: new Set(['-r', '--repo', '--root', '-R', '--reposd-root', '-D', '--config', '-c']),
  pip: new Set(['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-t', '--target', '--prefix', '--root', '-f', '--find-links', '--trusted-host', '--cache-dir', '--src', '--python-version', '--platform', '--implementation', '--abi', '-e', '--editable']),
  pacman: new Set(['-r', '--root', '-b', '--dbpath', '--cachedir', '--config']),
};

const ACTIONS: Record<string, PackageAction> = {
  install: 'install', add: 'install', in: 'install', reinstall: 'install', localinstall: 'install', 'dist-upgrade': 'upgrade', 'full-upgrade': 'upgrade',
  update: 'update', refresh: 'update', ref: 'update', makecache: 'update',
  upgrade: 'upgrade', up: 'upgrade', 'update-minimal': 'upgrade',
  clean: 'clean', cc: 'clean', autoclean: 'clean', 'clean-deps': 'clean',
  remove: 'remove', purge: 'remove', del: 'remove', erase: 'remove', autoremove: 'remove', rm: 'remove', uninstall: 'remove',
};

function managerOf(program: string): PackageManager | null {
  if (program === 'apt-get' || program === 'apt' || program === 'aptitude' || program === 'apk' || program === 'yum' || program === 'dnf'
    || program === 'microdnf' || program === 'zypper' || program === 'pacman') return program;
  if (/^pip(\d+(\.\d+)?)?$/.test(program)) return 'pip';
  return null;
}

function valuedSet(m: PackageManager): Set<string> {
  if (m === 'apt-get' || m === 'apt' || m === 'aptitude') return VALUED.apt;
  if (m === 'yum' || m === 'dnf' || m === 'microdnf') return VALUED.rpm;
  return VALUED[m] ?? new Set();
}

/** The package-manager command a shell command runs, or null. Looks through sudo, env and assignments. */
const packageCache = new WeakMap<ShellCommand, PackageCommand | null>();

export function packageCommand(cmd: ShellCommand): PackageCommand | null {
  let p = packageCache.get(cmd);
  if (p === undefined) { p = readPackageCommand(cmd); packageCache.set(cmd, p); }
  return p;
}

function readPackageCommand(cmd: ShellCommand): PackageCommand | null {
  let words = effectiveWords(cmd);
  if (!words.length) return null;
  const base = (w: Word) => w.value.slice(w.value.lastIndexOf('/') + 1);
  // `python -m pip install …`
  if (/^python(\d+(\.\d+)?)?$/.test(base(words[0])) && words[1]?.value === '-m' && /^pip\d*$/.test(words[2]?.value ?? '')) words = words.slice(2);
  const manager = managerOf(base(words[0]));
  if (!manager) return null;
  const valued = valuedSet(manager);
  const options: Word[] = [];
  const args: Word[] = [];
  let actionWord: Word | null = null;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w.value.startsWith('-') && w.value.length > 1) {
      options.push(w);
      if (valued.has(w.value) && i + 1 < words.length) options.push(words[++i]);
      continue;
    }
    if (!actionWord && manager !== 'pacman') actionWord = w;
    else args.push(w);
  }
  let action: PackageAction = actionWord ? ACTIONS[actionWord.value] ?? actionWord.value : '';
  if (manager === 'pacman') action = pacmanAction(options);
  if (manager === 'apk' && !actionWord && options.some(o => o.value === '--update' || o.value === '-U')) action = 'update';
  return Object.freeze({ manager, action, program: words[0], actionWord, options: Object.freeze(options) as Word[], args: Object.freeze(args) as Word[], cmd });
}

function pacmanAction(options: Word[]): PackageAction {
  const sync = options.find(o => /^-S[a-zA-Z]*$/.test(o.value));
  if (sync) return /u/.test(sync.value) ? 'upgrade' : /c/.test(sync.value) ? 'clean' : 'install';
  if (options.some(o => /^-R/.test(o.value))) return 'remove';
  return '';
}

/** True when the command installs packages (pacman -S with packages, -Sy without is an index update). */
export function isInstall(p: PackageCommand): boolean {
  if (p.manager === 'pacman') return p.args.length > 0 && /^-S/.test(p.options.find(o => o.value.startsWith('-S'))?.value ?? '');
  return p.action === 'install';
}

/** True when the command only refreshes the package index (or upgrades the system) without installing. */
export function isIndexUpdate(p: PackageCommand): boolean {
  if (p.manager === 'pip') return false;
  if (p.manager === 'pacman') return p.args.length === 0 && /^-S[a-zA-Z]*y/.test(p.options.find(o => o.value.startsWith('-S'))?.value ?? '');
  if (p.manager === 'apk' && p.actionWord === null) return p.action === 'update';
  return p.action === 'update' || (p.action === 'upgrade' && p.args.length === 0);
}

export function hasOption(p: PackageCommand, ...names: string[]): boolean {
  return p.options.some(o => names.includes(o.value) || names.some(n => n.startsWith('--') && o.value.startsWith(n + '=')));
}

/** The package commands of a list of shell commands, in order. */
export function packageCommands(cmds: ShellCommand[]): PackageCommand[] {
  const out: PackageCommand[] = [];
  for (const c of cmds) { const p = packageCommand(c); if (p) out.push(p); }
  return out;
}

export function isAptFamily(m: PackageManager): boolean {
  return m === 'apt-get' || m === 'apt' || m === 'aptitude';
}

export function isRpmFamily(m: PackageManager): boolean {
  return m === 'yum' || m === 'dnf' || m === 'microdnf';
}
