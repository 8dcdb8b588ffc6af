import { defineComposeRule } from '../../engine/rule';
import { matchingOpts, removeOptFix } from './security-opt-entries';

/** `label:disable`, and the SELinux types that mean "not separated": spc_t (super-privileged) and unconfined_t. */
const DISABLED = /^(disable|type:(spc_t|unconfined_t))$/i;

export default defineComposeRule({
  id: 'compose/no-selinux-disabled',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D04'],
  cwe: 'CWE-693',
  peers: ['Semgrep selinux-separation-disabled', 'compose-lint CL-0009'],
  fix: { safety: 'unsafe', description: 'remove the entry (SELinux separation applies again)' },
  docs: {
    summary: 'The service turns SELinux separation off (`label:disable`, or the `spc_t` / `unconfined_t` type).',
    why: 'On SELinux hosts (Fedora, RHEL, CentOS) each container runs with its own MCS label: even root in one container cannot touch another container\'s files or the host\'s. `label:disable` (or a super-privileged `spc_t` type) removes that separation, which has stopped real escapes such as CVE-2019-5736 (runc overwrite).',
    fix: 'Remove the entry. If a bind mount is what fails under SELinux, relabel it instead: add `:z` (shared) or `:Z` (private) to the volume.',
    invalid: ['services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - label:disable\n'],
    valid: ['services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - ./data:/data:Z\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D04 Secure Defaults and Hardening', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker run reference: --security-opt label', url: 'https://docs.docker.com/reference/cli/docker/container/run/#security-opt' },
      { title: 'Red Hat: SELinux and containers (container_t, spc_t)', url: 'https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/9/html/using_selinux/assembly_using-selinux-with-containers_using-selinux' },
    ],
  },
  check(ctx) {
    for (const { service, opt } of matchingOpts(ctx, o => o.name === 'label' && DISABLED.test(o.value?.trim() ?? ''))) {
      ctx.report({
        service, at: opt.item,
        message: `Service '${service.name}' runs without SELinux separation (${opt.item.text?.trim()}): root in the container is no longer kept from other containers' and the host's files. Remove the entry (relabel bind mounts with :z or :Z instead).`,
        fixes: () => removeOptFix(ctx, opt, `Remove ${opt.item.text?.trim()}`),
      });
    }
  },
});
