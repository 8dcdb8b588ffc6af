import { defineRule } from '../../engine/rule';
import { effectiveWords, programName } from '../../engine/dockerfile/shell';
import { shippableStages } from '../../engine/dockerfile/stages';
import { owaspRef } from '../../engine/references';

/** True when a chmod mode gives others write permission (777, 666, o+w, a+w, a=rwx), sticky directories (1777) excepted. */
export function grantsWorldWrite(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const sticky = mode.length === 4 && (Number(mode[0]) & 1) === 1;
    return !sticky && (Number(mode[mode.length - 1]) & 2) === 2;
  }
  return mode.split(',').some(clause => /^[ugo]*[oa][ugo]*[+=][rwxXst]*w/.test(clause) && !/t/.test(clause));
}

export default defineRule({
  id: 'dockerfile/no-world-writable',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D04', 'D09'],
  cwe: 'CWE-732',
  peers: [],
  docs: {
    summary: 'A chmod in the image that ships makes files writable by every user (777, o+w, a+w).',
    why: 'World-writable files let any process in the container — whatever user it runs as — change them: an attacker who gets in as an unprivileged user can rewrite the application, its config or scripts that a more privileged process runs later. It also breaks the immutable-image idea: what runs is no longer what was built.',
    fix: 'Give ownership to the one user that must write (`chown 10001:10001 /data && chmod 0750 /data`), keep code read-only (`0755` for directories and programs, `0644` for files), and write data to a volume or tmpfs. Sticky shared directories (`chmod 1777 /tmp`) are not reported.',
    invalid: ['FROM debian:bookworm-slim\nRUN chmod -R 777 /app\n', 'FROM debian:bookworm-slim\nRUN chmod o+w /etc/app.conf\n'],
    valid: ['FROM debian:bookworm-slim\nRUN chmod 0755 /app && chmod 1777 /scratch\n', 'FROM debian:bookworm-slim AS build\nRUN chmod 777 /build\nFROM debian:bookworm-slim\nCOPY --from=build /build/app /app\n'],
    references: [owaspRef('D04'), owaspRef('D09'), { title: 'CWE-732: Incorrect Permission Assignment for Critical Resource', url: 'https://cwe.mitre.org/data/definitions/732.html' }],
  },
  check(ctx) {
    // shippableStages already holds the stages the shipped ones are built FROM
    for (const stage of shippableStages(ctx.model)) {
      for (const run of stage.runs) {
        for (const cmd of run.commands) {
          if (programName(cmd) !== 'chmod') continue;
          const words = effectiveWords(cmd);
          const mode = words.slice(1).find(w => !/^-[a-zA-Z]+$/.test(w.value) && !w.value.startsWith('--'));
          if (!mode || !grantsWorldWrite(mode.value)) continue;
          ctx.report({ range: ctx.model.index.rangeOf(words[0].start, mode.end), message: `chmod ${mode.value} makes these files writable by every user in the container, so any compromised process can change them. Give write access only to the user that needs it (chown + 0750/0640).` });
        }
      }
    }
  },
});
