import { defineRule } from '../../engine/rule';
import { stageLineage } from '../../engine/dockerfile/model';
import { effectiveWords, programName } from '../../engine/dockerfile/shell';

/** True when a chmod mode sets the setuid or setgid bit: u+s, g+s, +s, a+s, ug=rws, or an octal 4xxx/2xxx/6xxx. */
export function setsSpecialBit(mode: string): boolean {
  if (/^[0-7]{4,}$/.test(mode)) return (Number.parseInt(mode[mode.length - 4], 8) & 6) !== 0;
  return mode.split(',').some(clause => /^[ugoa]*[+=][rwxXtugo]*s/.test(clause));
}

export default defineRule({
  id: 'dockerfile/no-setuid',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D01', 'D04'],
  cwe: 'CWE-250',
  peers: ['Dockle CIS-DI-0008 (checks the built image)'],
  docs: {
    summary: 'A chmod in the image that ships sets the setuid or setgid bit.',
    why: 'A setuid-root (or setgid) binary runs with its owner\'s privileges whoever starts it. In an image that runs as a non-root user, every such binary is a way back to root for an attacker who gets code execution — the non-root user no longer contains them.',
    fix: 'Do not set the bit: grant the single capability the program needs (`setcap cap_net_bind_service=+ep`, or the runtime\'s `cap_add`), or run that part of the work at build time as root. To remove setuid bits the base image ships, `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +`.',
    invalid: ['FROM debian:bookworm-slim\nRUN chmod u+s /usr/local/bin/helper\n', 'FROM debian:bookworm-slim\nRUN chmod 4755 /usr/local/bin/helper\n'],
    valid: ['FROM debian:bookworm-slim\nRUN chmod 0755 /usr/local/bin/helper\n', 'FROM debian:bookworm-slim\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D01 Secure User Mapping', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'CWE-250: Execution with Unnecessary Privileges', url: 'https://cwe.mitre.org/data/definitions/250.html' },
    ],
  },
  check(ctx) {
    const stage = ctx.model.shippedStage;
    if (!stage) return;
    for (const s of stageLineage(stage)) {
      for (const run of s.runs) {
        for (const cmd of run.commands) {
          if (programName(cmd) !== 'chmod') continue;
          const args = effectiveWords(cmd).slice(1).filter(w => !/^-[a-zA-Z]+$/.test(w.value) && !w.value.startsWith('--'));
          const mode = args[0];
          if (!mode || !setsSpecialBit(mode.value)) continue;
          const first = effectiveWords(cmd)[0];
          ctx.report({
            range: ctx.model.index.rangeOf(first.start, mode.end),
            message: `chmod ${mode.value} sets the setuid/setgid bit: such a binary runs with its owner's privileges and gives a non-root user a way back to root. Grant a capability instead.`,
          });
        }
      }
    }
  },
});
