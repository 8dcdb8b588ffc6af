// A small POSIX-shell reader for RUN text: splits commands on && || ; | & and newlines, respects quotes,
// Dockerfile line continuations and comment lines inside them, and keeps every word's document offsets
// so rules can point at the exact token. It does not expand anything.

export interface Word {
  /** the word with quotes removed (no expansion) */
  value: string;
  /** document offsets of the raw word */
  start: number;
  end: number;
}

export interface ShellCommand {
  words: Word[];
  /** operator that joined this command to the previous one, null for the first */
  before: string | null;
  /** operator after this command, null for the last */
  after: string | null;
}

const OPERATORS = ['&&', '||', ';;', '|&', ';', '|', '&', '(', ')'];

/**
 * Reads `text` (a slice of the document starting at `base`) as shell commands.
 * `escape` is the Dockerfile escape character; `dockerContinuations` is true for RUN arguments (where
 * escape+newline joins lines and comment lines in between are dropped) and false for heredoc bodies.
 */
export function splitShell(text: string, base: number, escape = '\\', dockerContinuations = true): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: Word[] = [];
  let pendingOp: string | null = null;
  let i = 0;
  const n = text.length;

  const endCommand = (op: string) => {
    if (words.length > 0) {
      commands.push({ words, before: pendingOp, after: null });
      pendingOp = op;
    } else if (pendingOp === null || op !== ';') {
      // an empty command (`a && <newline> b`) keeps the operator that led into it
      pendingOp = commands.length > 0 ? op : null;
    }
    words = [];
  };

  /** skips an escape + spaces + newline (a Dockerfile continuation) and the comment lines after it */
  const skipContinuation = (at: number): number => {
    if (text[at] !== escape) return at;
    let j = at + 1;
    while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] === '\r') j++;
    if (text[j] !== '\n') return at;
    j++;
    if (dockerContinuations) {
      for (;;) {
        let k = j;
        while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
        if (text[k] !== '#') break;
        while (k < n && text[k] !== '\n') k++;
        j = Math.min(n, k + 1);
      }
    }
    return j;
  };

  while (i < n) {
    const c = text[i];
    const cont = skipContinuation(i);
    if (cont !== i) { i = cont; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\n') { endCommand(';'); i++; continue; }
    if (c === '#') { while (i < n && text[i] !== '\n') i++; continue; }
    // `&>file` is a redirection, not a background operator
    const op = text.startsWith('&>', i) ? undefined : OPERATORS.find(o => text.startsWith(o, i));
    if (op) { endCommand(op); i += op.length; continue; }
    // a word: runs until unquoted whitespace or operator
    const start = i;
    let value = '';
    let depth = 0; // $( ... ) nesting
    while (i < n) {
      const ch = text[i];
      const contAt = skipContinuation(i);
      if (contAt !== i) { i = contAt; continue; }
      if (depth === 0 && (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r')) break;
      // redirections that contain `&` (`2>&1`, `<&0`, `&>log`) stay inside the word
      if ((ch === '>' || ch === '<') && text[i + 1] === '&') { value += ch + '&'; i += 2; continue; }
      if (ch === '&' && text[i + 1] === '>') { value += '&>'; i += 2; continue; }
      if (depth === 0 && OPERATORS.some(o => text.startsWith(o, i)) && !(ch === '(' && text[i - 1] === '$')) break;
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 ? n : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      if (ch === '"') {
        let j = i + 1;
        while (j < n && text[j] !== '"') {
          if (text[j] === '\\' && j + 1 < n) { value += text[j + 1]; j += 2; continue; }
          value += text[j++];
        }
        i = j + 1;
        continue;
      }
      if (ch === '\\' && i + 1 < n && escape === '\\') { value += text[i + 1]; i += 2; continue; }
      if (ch === '$' && text[i + 1] === '(') { depth++; value += '$('; i += 2; continue; }
      if (ch === ')' && depth > 0) { depth--; value += ')'; i++; continue; }
      value += ch;
      i++;
    }
    words.push({ value, start: base + start, end: base + Math.min(i, n) });
  }
  endCommand(';');
  for (let k = 0; k + 1 < commands.length; k++) commands[k].after = commands[k + 1].before;
  return commands;
}

// sudo options that take a value (`sudo -u user cmd`)
export const SUDO_VALUED = new Set(['-u', '--user', '-g', '--group', '-C', '--close-from', '-D', '--chdir', '-h', '--host', '-p',
  '--prompt', '-R', '--chroot', '-r', '--role', '-t', '--type', '-T', '--command-timeout', '-U', '--other-user']);

/**
 * The words of a command after leading `VAR=value` assignments and wrappers that run the rest
 * (env, exec, nohup, time, command, and — unless `keepSudo` — sudo with its options).
 */
// rules ask for the same command's words many times, and a RUN the editor kept keeps its commands: once each
const wordsCache = [new WeakMap<ShellCommand, readonly Word[]>(), new WeakMap<ShellCommand, readonly Word[]>()];

export function effectiveWords(cmd: ShellCommand, keepSudo = false): Word[] {
  const cache = wordsCache[keepSudo ? 1 : 0];
  let words = cache.get(cmd);
  if (!words) { words = Object.freeze(readEffectiveWords(cmd, keepSudo)); cache.set(cmd, words); }
  return words as Word[];
}

function readEffectiveWords(cmd: ShellCommand, keepSudo: boolean): Word[] {
  let k = 0;
  const w = cmd.words;
  for (;;) {
    while (k < w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[k].value)) k++;
    const name = w[k]?.value;
    if (name === 'env' || name === 'exec' || name === 'nohup' || name === 'time' || name === 'command' || (name === 'sudo' && !keepSudo)) {
      k++;
      while (k < w.length && w[k].value.startsWith('-')) {
        if (w[k].value === '--') { k++; break; }
        k += name === 'sudo' && SUDO_VALUED.has(w[k].value) ? 2 : 1;
      }
      continue;
    }
    return w.slice(k);
  }
}

/** The command's program name without its directory (`/usr/bin/chmod` → `chmod`), looking through sudo. */
export function programName(cmd: ShellCommand, keepSudo = false): string {
  const first = effectiveWords(cmd, keepSudo)[0]?.value ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}
