import { defineComposeRule } from '../../engine/rule';
import { replaceScalar } from '../../engine/compose/edits';
import { matchingOpts, removeOptFix } from './security-opt-entries';

/** `seccomp:unconfined`, `seccomp=unconfined`, and the `label:seccomp:unconfined` misspelling seen in the wild. */
const UNCONFINED = /(^|[:=])seccomp\s*([:=])\s*unconfined$/i;
const PROFILE = './seccomp-profile.json';

export default defineComposeRule({
  id: 'compose/no-seccomp-unconfined',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D04'],
  cwe: 'CWE-693',
  peers: ['KICS default_seccomp_profile_disabled', 'Semgrep seccomp-confinement-disabled', 'compose-lint CL-0009'],
  fix: { safety: 'unsafe', description: 'remove the entry (Docker\'s default seccomp profile applies again), or replace it with a custom profile path' },
  docs: {
    summary: 'The service turns seccomp off (`seccomp:unconfined`).',
    why: 'Docker\'s default seccomp profile blocks about 40 system calls a container has no business making — `kexec_load`, `open_by_handle_at`, `bpf`, `keyctl`, `userfaultfd`, new mount APIs — which are the entry points of most kernel exploits and container escapes. `unconfined` removes that filter: every kernel bug reachable through those calls is reachable from the container.',
    fix: 'Remove the entry: Docker applies its default profile. If the service needs one blocked call, copy Docker\'s default profile (moby/profiles/seccomp/default.json), allow just that call, and point `security_opt` at it: `seccomp:./seccomp-profile.json`.',
    invalid: ['services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - seccomp:unconfined\n'],
    valid: ['services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - seccomp=./seccomp-profile.json\n      - no-new-privileges:true\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D04 Secure Defaults and Hardening', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: seccomp security profiles', url: 'https://docs.docker.com/engine/security/seccomp/' },
      { title: 'Docker\'s default seccomp profile (moby)', url: 'https://github.com/moby/profiles/blob/main/seccomp/default.json' },
    ],
    whenNotToUse: 'Never for a service; for a one-off debugging session (strace, perf) prefer a custom profile that allows the needed calls.',
    differences: 'Like KICS, `label:seccomp:unconfined` (not a valid SELinux label option; clearly meant as seccomp) is reported too.',
  },
  check(ctx) {
    for (const { service, opt } of matchingOpts(ctx, o => UNCONFINED.test(o.item.text?.trim() ?? ''))) {
      const text = opt.item.text!.trim();
      ctx.report({
        service, at: opt.item,
        message: `Service '${service.name}' runs without seccomp (${text}): the system calls behind most kernel exploits and container escapes are open. Remove the entry to get Docker's default profile, or use a custom profile.`,
        fixes: () => {
          const sep = UNCONFINED.exec(text)?.[2] ?? ':';
          const replace = opt.item.file === ctx.model.file && opt.item.node ? replaceScalar(opt.item.file, opt.item.node, `seccomp${sep}${PROFILE}`) : null;
          return [
            ...removeOptFix(ctx, opt, 'Remove seccomp:unconfined (use Docker\'s default profile)'),
            ...(replace ? [{ title: `Use a custom seccomp profile (${PROFILE}, start from Docker's default)`, safety: 'unsafe' as const, edits: [replace] }] : []),
          ];
        },
      });
    }
  },
});
