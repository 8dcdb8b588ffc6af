// A meta rule: its findings (unknown ids, unused suppressions) are produced by the engine after the
// other rules ran, for Dockerfiles and compose files alike; this module holds its metadata and docs.
import { defineRule } from '../../engine/rule';
import { SUPPRESSION_RULE } from '../../engine/suppressions';

export default defineRule({
  id: SUPPRESSION_RULE,
  target: 'dockerfile',
  severity: 'info',
  defaultOn: true,
  owasp: [],
  peers: ['ESLint reportUnusedDisableDirectives'],
  docs: {
    summary: 'A `# shipshape-ignore` comment names an unknown rule, or silences nothing.',
    why: 'A suppression is an exception someone argued for. One with a mistyped rule id protects nothing and hides the mistake; one whose finding is gone (the code was fixed) lingers and will silently hide the next real problem on that line.',
    fix: 'Correct the rule id (`shipshape rules` lists them) or delete the comment.',
    invalid: ['# shipshape-ignore dockerfile/no-such-rule -- typo\nFROM debian:bookworm-slim\n'],
    valid: ['# shipshape-ignore dockerfile/no-root-user -- gosu drops privileges\nFROM debian:bookworm-slim\n'],
    references: [{ title: 'Shipshape README: suppressing a finding', url: 'https://github.com/shipshape-lint/shipshape#suppressing-a-finding' }],
  },
  check() { /* produced by the engine: see suppressionProblems() */ },
});
