import { defineRule } from '../../engine/rule';
import { effectiveWords, programName, ShellCommand } from '../../engine/dockerfile/shell';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'http', 'https', 'aria2c']);
const INTERPRETER = /^(?:sh|bash|ash|dash|zsh|ksh|mksh|fish|python[\d.]*|perl[\d.]*|ruby[\d.]*|node|nodejs|php[\d.]*|pwsh|powershell|lua[\d.]*|tclsh|Rscript)$/;
/** `sh -c "$(curl …)"`, `bash -c "`wget -O- …`"` */
const SUBSTITUTED_DOWNLOAD = /(?:\$\(|`)\s*(?:curl|wget|fetch)\b/;

export default defineRule({
  id: 'dockerfile/no-pipe-to-shell',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: ['D08'],
  cwe: 'CWE-494',
  peers: [],
  docs: {
    summary: 'A download is piped straight into a shell or interpreter (curl … | sh, wget -O- … | bash, … | python).',
    why: 'The script runs as it arrives, unread and unverified: whoever controls the server, its CDN or DNS at build time decides what runs in your build (usually as root). A truncated download even runs half a script. Nothing records which version ran, so the build cannot be reproduced or audited.',
    fix: 'Download to a file, verify it against a checksum (or signature) you pinned, then run it: `curl -fsSLo /tmp/install.sh https://… && echo "<sha256>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh`. Better still, install the tool from a package manager or copy it from its official image (`COPY --from=…`).',
    invalid: ['FROM debian:bookworm-slim\nRUN curl -fsSL https://get.example.com/install.sh | sh\n'],
    valid: ['FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \\\n && echo "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D08 Container Image Integrity and Origin', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'CWE-494: Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      for (const run of stage.runs) {
        const cmds = run.commands;
        cmds.forEach((cmd, k) => {
          const prog = programName(cmd);
          if (!INTERPRETER.test(prog)) return;
          // a pipeline that starts with a downloader and ends in this interpreter
          let source: ShellCommand | null = null;
          for (let j = k - 1; j >= 0 && cmds[j].after === '|'; j--) if (DOWNLOADERS.has(programName(cmds[j]))) source = cmds[j];
          const words = effectiveWords(cmd);
          const substituted = words.slice(1).find(w => SUBSTITUTED_DOWNLOAD.test(w.value));
          // `bash <(curl …)`: the reader splits it into `bash <` and the `(curl …)` that follows
          const next = cmds[k + 1];
          if (!source && cmd.after === '(' && words[words.length - 1]?.value === '<' && next && DOWNLOADERS.has(programName(next))) source = next;
          if (!source && !substituted) return;
          const start = Math.min(source ? source.words[0].start : words[0].start, words[0].start);
          const end = Math.max(words[0].end, source ? source.words[0].end : 0);
          ctx.report({
            range: model.index.rangeOf(start, source ? end : substituted!.end),
            message: `A download runs straight in ${prog}: whoever controls the server (or the network) at build time decides what runs. Download to a file, check its pinned sha256, then run it.`,
          });
        });
      }
    }
  },
});
