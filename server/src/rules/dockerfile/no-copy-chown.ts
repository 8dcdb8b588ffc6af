import { JSONInstruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import { shippableStages } from '../../engine/dockerfile/stages';
import { owaspRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/no-copy-chown',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: false,
  owasp: ['D09'],
  cwe: 'CWE-732',
  peers: ['KICS chown_flag_exists'],
  docs: {
    summary: '`COPY --chown` / `ADD --chown` makes the application\'s files writable by its runtime user.',
    why: 'When the files the app runs from belong to the user it runs as, a compromised app can rewrite its own code and config, and the change persists for the life of the container. Code owned by root and only readable by the app user cannot be changed that way.',
    fix: 'Copy code and config without `--chown` (root-owned, world-readable), and give the runtime user only the directories it must write: `RUN mkdir /app/data && chown 10001:10001 /app/data`, or a volume/tmpfs.',
    invalid: ['FROM python:3.12-slim\nCOPY --chown=10001:10001 app /app\n'],
    valid: ['FROM python:3.12-slim\nCOPY app /app\nRUN mkdir /app/data && chown 10001:10001 /app/data\n', 'FROM python:3.12-slim\nCOPY --chown=root:root app /app\n'],
    references: [owaspRef('D09'), dockerfileRef('COPY')],
    whenNotToUse: 'When the copied path is a data directory the app must write; suppress with a reason there.',
  },
  check(ctx) {
    for (const stage of shippableStages(ctx.model)) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'COPY' && ins.getKeyword() !== 'ADD') continue;
        const flag = (ins as JSONInstruction).getFlags().find(f => f.getName() === 'chown');
        const owner = flag?.getValue();
        if (!flag || !owner || /^(root|0)(:(root|0))?$/.test(owner)) continue;
        ctx.report({ range: flag.getRange(), message: `--chown=${owner} makes these files writable by ${owner}; if that is the runtime user, a compromised app can rewrite its own code. Copy code root-owned and chown only the directories it must write.` });
      }
    }
  },
});
