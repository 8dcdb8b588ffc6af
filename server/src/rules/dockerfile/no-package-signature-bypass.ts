import { defineRule } from '../../engine/rule';
import { effectiveWords, programName } from '../../engine/dockerfile/shell';
import { removeWords } from '../../engine/dockerfile/word-edits';

/** program → flags that install packages without checking their signatures (the value: how many words to drop) */
const BYPASS_FLAGS: Record<string, Record<string, number>> = {
  apk: { '--allow-untrusted': 1 },
  'apt-get': { '--allow-unauthenticated': 1, '--force-yes': 1, '--allow-insecure-repositories': 1 },
  apt: { '--allow-unauthenticated': 1, '--force-yes': 1, '--allow-insecure-repositories': 1 },
  aptitude: { '--allow-untrusted': 1 },
  yum: { '--nogpgcheck': 1 },
  dnf: { '--nogpgcheck': 1, '--no-gpgchecks': 1 },
  microdnf: { '--nogpgcheck': 1 },
  tdnf: { '--nogpgcheck': 1 },
  rpm: { '--nosignature': 1, '--nodigest': 1, '--nogpgcheck': 1 },
  zypper: { '--no-gpg-checks': 1 },
};
const APT_OPTION = /^(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)=(?:true|1|yes)$/i;
const RPM_SETOPT = /^--setopt=(?:[\w.-]+\.)?(?:gpgcheck|repo_gpgcheck|localpkg_gpgcheck)=(?:0|false|no)$/i;

export default defineRule({
  id: 'dockerfile/no-package-signature-bypass',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: ['D08'],
  cwe: 'CWE-347',
  peers: ['Checkov CKV2_DOCKER_7', 'Checkov CKV2_DOCKER_8', 'Checkov CKV2_DOCKER_9', 'Checkov CKV2_DOCKER_10', 'Checkov CKV2_DOCKER_11'],
  fix: { safety: 'safe', description: 'remove the flag that skips the signature check' },
  docs: {
    summary: 'A package install skips signature checks (apk --allow-untrusted, apt-get --allow-unauthenticated/--force-yes, --nogpgcheck, rpm --nosignature).',
    why: 'Package signatures are what prove a package comes from the distribution (or vendor) and was not altered by a mirror, a proxy or an attacker on the network. Skipping the check lets any of them put their own binaries into the image, as root.',
    fix: 'Remove the flag. If the repository is yours, import its signing key (`apk add --allow-untrusted` → put the key in /etc/apk/keys; apt → a `signed-by=` keyring; rpm → `rpm --import`), so the check passes instead of being skipped.',
    invalid: ['FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted /tmp/custom.apk\n'],
    valid: ['FROM alpine:3.20\nCOPY keys/acme.rsa.pub /etc/apk/keys/\nRUN apk add --no-cache /tmp/custom.apk\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D08 Container Image Integrity and Origin', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'CWE-347: Improper Verification of Cryptographic Signature', url: 'https://cwe.mitre.org/data/definitions/347.html' },
    ],
    differences: 'Also finds `-o APT::Get::AllowUnauthenticated=true`, `--setopt=gpgcheck=0` and `[trusted=yes]` apt sources written by the RUN step; `[trusted=yes]` has no automatic fix.',
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      for (const run of stage.runs) {
        for (const cmd of run.commands) {
          const words = effectiveWords(cmd);
          const prog = programName(cmd);
          const flags = BYPASS_FLAGS[prog] ?? {};
          const offset = cmd.words.indexOf(words[0]);
          words.forEach((w, k) => {
            let drop = 0;
            let what: string | null = null;
            if (flags[w.value]) { what = `${prog} ${w.value}`; drop = 1; }
            else if ((prog === 'apt-get' || prog === 'apt') && w.value === '-o' && APT_OPTION.test(words[k + 1]?.value ?? '')) { what = `${prog} -o ${words[k + 1].value}`; drop = 2; }
            else if ((prog === 'apt-get' || prog === 'apt') && APT_OPTION.test(w.value.replace(/^-o/, '')) && w.value.startsWith('-o')) { what = `${prog} ${w.value}`; drop = 1; }
            else if (/^(?:yum|dnf|microdnf|tdnf)$/.test(prog) && RPM_SETOPT.test(w.value)) { what = `${prog} ${w.value}`; drop = 1; }
            // the cheap test first: on a long word of '[' the pattern alone backtracks quadratically
            else if (w.value.includes('trusted=yes') && /\[(?:[^\]\s]*\s)*trusted=yes(?:\s[^\]]*)?\]/.test(w.value)) { what = 'an apt source marked [trusted=yes]'; drop = 0; }
            if (!what) return;
            ctx.report({
              range: model.index.rangeOf(w.start, w.end),
              message: `${what} installs packages without checking their signatures: a mirror, proxy or attacker can substitute their own. Remove it and trust the repository's signing key instead.`,
              fixes: drop && !run.execForm ? () => [{ title: `Remove ${w.value}`, safety: 'safe', edits: [removeWords(model, cmd.words, offset + k, offset + k + drop - 1)] }] : undefined,
            });
          });
        }
      }
    }
  },
});
