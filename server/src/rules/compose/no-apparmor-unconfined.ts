import { defineComposeRule } from '../../engine/rule';
import { matchingOpts, removeOptFix } from './security-opt-entries';

export default defineComposeRule({
  id: 'compose/no-apparmor-unconfined',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D04'],
  cwe: 'CWE-693',
  peers: ['compose-lint CL-0009'],
  fix: { safety: 'unsafe', description: 'remove the entry (the `docker-default` AppArmor profile applies again)' },
  docs: {
    summary: 'The service turns AppArmor off (`apparmor:unconfined`).',
    why: 'On hosts with AppArmor (Ubuntu, Debian, SUSE) Docker confines every container with its `docker-default` profile: no writes to /proc and /sys knobs, no mounting, no access to the host\'s kernel interfaces even for root in the container. `apparmor:unconfined` removes that layer, which is what stops several published container escapes.',
    fix: 'Remove the entry so `docker-default` applies, or write a profile that allows what the service needs and name it: `apparmor:my-profile`.',
    invalid: ['services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - apparmor=unconfined\n'],
    valid: ['services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - apparmor:docker-default\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D04 Secure Defaults and Hardening', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: AppArmor security profiles', url: 'https://docs.docker.com/engine/security/apparmor/' },
    ],
  },
  check(ctx) {
    for (const { service, opt } of matchingOpts(ctx, o => o.name === 'apparmor' && o.value?.toLowerCase() === 'unconfined')) {
      ctx.report({
        service, at: opt.item,
        message: `Service '${service.name}' runs without AppArmor (${opt.item.text?.trim()}): the docker-default profile that blocks mounts and writes to kernel interfaces is off. Remove the entry.`,
        fixes: () => removeOptFix(ctx, opt, 'Remove apparmor:unconfined (use docker-default)'),
      });
    }
  },
});
