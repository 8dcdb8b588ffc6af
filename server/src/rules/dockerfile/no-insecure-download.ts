import { Env, Instruction, PropertyInstruction } from 'dockerfile-ast';
import { defineRule, Report } from '../../engine/rule';
import { effectiveWords, programName, ShellCommand, Word } from '../../engine/dockerfile/shell';
import { removeWords, removeShortFlagLetter } from '../../engine/dockerfile/word-edits';
import { DockerfileModel } from '../../engine/dockerfile/model';
import { TextEdit } from '../../engine/types';

// curl short options that take a value: letters after one of these in a group are its value, not flags
const CURL_VALUED = new Set('bcCdDeEFHKmoPQrtTuUwxXyYz'.split(''));
/** Environment variables that turn certificate checks off, with the values that do so. */
const INSECURE_ENV: Record<string, RegExp> = {
  NODE_TLS_REJECT_UNAUTHORIZED: /^0$/,
  PYTHONHTTPSVERIFY: /^0$/,
  GIT_SSL_NO_VERIFY: /^(?:1|true|yes)$/i,
  NPM_CONFIG_STRICT_SSL: /^false$/i,
  npm_config_strict_ssl: /^false$/i,
  PIP_TRUSTED_HOST: /./,
  CURL_INSECURE: /^(?:1|true)$/i,
};

interface Hit { word: Word; what: string; edit: (() => TextEdit) | null }

export default defineRule({
  id: 'dockerfile/no-insecure-download',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: ['D08'],
  cwe: 'CWE-295',
  peers: ['Checkov CKV2_DOCKER_2', 'Checkov CKV2_DOCKER_3', 'Checkov CKV2_DOCKER_4', 'Checkov CKV2_DOCKER_5', 'Checkov CKV2_DOCKER_6'],
  fix: { safety: 'safe', description: 'remove the flag (or the variable) that turns certificate checks off' },
  docs: {
    summary: 'A download turns TLS certificate checks off (curl -k, wget --no-check-certificate, pip --trusted-host, strict-ssl false…).',
    why: 'Without certificate checks, anyone on the network path between the builder and the server (a proxy, a compromised Wi-Fi, a hijacked DNS answer) can serve their own file, and the build installs it into the image. The image then ships code nobody reviewed, signed by nobody.',
    fix: 'Remove the flag. If the server uses a private CA, install that CA in the build (`COPY corp-ca.crt /usr/local/share/ca-certificates/` + `update-ca-certificates`) or point the tool at it (`curl --cacert`, `pip --cert`, `npm config set cafile`), which keeps the check on.',
    invalid: [
      'FROM debian:bookworm-slim\nRUN curl -fsSLk https://example.com/install.tgz -o /tmp/install.tgz\n',
    ],
    valid: [
      'FROM debian:bookworm-slim\nRUN curl -fsSL --cacert /etc/ssl/certs/corp-ca.pem https://example.com/install.tgz -o /tmp/install.tgz\n',
    ],
    references: [
      { title: 'OWASP Docker Top 10 — D08 Container Image Integrity and Origin', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'CWE-295: Improper Certificate Validation', url: 'https://cwe.mitre.org/data/definitions/295.html' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      for (const run of stage.runs) {
        for (const cmd of run.commands) {
          for (const hit of insecureWords(model, cmd)) {
            ctx.report({
              range: model.index.rangeOf(hit.word.start, hit.word.end),
              message: `${hit.what} turns TLS certificate checks off: anyone on the network path can swap the download for their own. Keep the check on (install the private CA if that is the reason).`,
              fixes: hit.edit && !run.execForm ? () => [{ title: `Remove ${hit.word.value}`, safety: 'safe', edits: [hit.edit!()] }] : undefined,
            });
          }
        }
      }
      for (const ins of stage.instructions) if (ins.getKeyword() === 'ENV') reportEnv(ctx.report, model, ins as Env);
    }
  },
});

function insecureWords(model: DockerfileModel, cmd: ShellCommand): Hit[] {
  const hits: Hit[] = [];
  const words = effectiveWords(cmd);
  const prog = programName(cmd);
  // `VAR=value cmd` (removable) and `export VAR=value`
  const leading = words.length ? cmd.words.slice(0, cmd.words.indexOf(words[0])) : [];
  const exported = prog === 'export' ? words.slice(1) : [];
  for (const w of [...leading, ...exported]) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(w.value);
    if (!m || !INSECURE_ENV[m[1]]?.test(m[2])) continue;
    hits.push({ word: w, what: `${m[1]}=${m[2]}`, edit: leading.includes(w) ? () => removeWords(model, cmd.words, cmd.words.indexOf(w)) : null });
  }
  const offset = cmd.words.indexOf(words[0]);
  const drop = (k: number, n = 1) => () => removeWords(model, cmd.words, offset + k, offset + k + n - 1);
  words.forEach((w, k) => {
    const v = w.value;
    if (prog === 'curl') {
      if (v === '--insecure') hits.push({ word: w, what: 'curl --insecure', edit: drop(k) });
      else if (/^-[A-Za-z]+$/.test(v)) {
        for (const letter of v.slice(1)) {
          if (letter === 'k') { hits.push({ word: w, what: 'curl -k', edit: () => removeShortFlagLetter(model, cmd.words, offset + k, 'k') }); break; }
          if (CURL_VALUED.has(letter)) break;
        }
      }
    } else if (prog === 'wget' && v === '--no-check-certificate') hits.push({ word: w, what: 'wget --no-check-certificate', edit: drop(k) });
    else if (prog === 'git') {
      if (v === '-c' && /^http\.(?:[^=]*\.)?sslverify=(?:false|0|no|off)$/i.test(words[k + 1]?.value ?? '')) hits.push({ word: w, what: 'git -c http.sslVerify=false', edit: drop(k, 2) });
      if (v === 'config' && /^http\.(?:.*\.)?sslverify$/i.test(words.find((x, j) => j > k && !x.value.startsWith('-'))?.value ?? '') && /^(?:false|0|no|off)$/i.test(words[words.length - 1].value)) {
        hits.push({ word: w, what: 'git config http.sslVerify false', edit: null });
      }
    } else if (/^pip(\d+(\.\d+)?)?$/.test(prog) || (/^python/.test(prog) && words[1]?.value === '-m' && words[2]?.value === 'pip')) {
      if (v === '--trusted-host') hits.push({ word: w, what: 'pip --trusted-host', edit: drop(k, 2) });
      else if (v.startsWith('--trusted-host=')) hits.push({ word: w, what: 'pip --trusted-host', edit: drop(k) });
      else if (v === 'set' && /trusted-host$/.test(words[k + 1]?.value ?? '')) hits.push({ word: w, what: 'pip config set trusted-host', edit: null });
    } else if (prog === 'npm' || prog === 'yarn' || prog === 'pnpm') {
      if (/^--strict-ssl=false$/i.test(v)) hits.push({ word: w, what: `${prog} --strict-ssl=false`, edit: drop(k) });
      else if (v === 'set' && /^strict-ssl$/i.test(words[k + 1]?.value ?? '') && /^false$/i.test(words[k + 2]?.value ?? '')) hits.push({ word: w, what: `${prog} config set strict-ssl false`, edit: null });
    }
  });
  return hits;
}

function reportEnv(report: (r: Report) => void, model: DockerfileModel, env: Instruction) {
  const props = (env as PropertyInstruction).getProperties();
  for (const p of props) {
    const value = (p.getValue() ?? '').replace(/^(["'])(.*)\1$/, '$2');
    if (!INSECURE_ENV[p.getName()]?.test(value)) continue;
    report({
      range: p.getRange(),
      message: `ENV ${p.getName()}=${value} turns TLS certificate checks off for every later step and in the running container. Remove it (install the private CA if that is the reason).`,
      fixes: () => {
        if (props.length > 1) return [];
        const range = { start: { line: env.getRange().start.line, character: 0 }, end: { line: env.getRange().end.line + 1, character: 0 } };
        return [{ title: `Remove ENV ${p.getName()}`, safety: 'safe', edits: [{ range, newText: '' }] }];
      },
    });
  }
}
