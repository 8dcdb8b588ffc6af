import { defineComposeRule } from '../../engine/rule';
import { capabilities } from '../../engine/compose/values';
import { removeListEntry } from '../../engine/compose/edits';
import { DANGEROUS_CAPABILITIES } from '../../engine/knowledge/capabilities';

export default defineComposeRule({
  id: 'compose/no-dangerous-capabilities',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D04'],
  cwe: 'CWE-250',
  peers: ['KICS container_capabilities_unrestricted', 'compose-lint CL-0011', 'compose-lint CL-0024', 'compose-lint CL-0027', 'compose-lint CL-0028', 'compose-lint CL-0029', 'compose-lint CL-0030'],
  fix: { safety: 'unsafe', description: 'remove the capability from cap_add' },
  docs: {
    summary: 'The service adds a dangerous capability (ALL, SYS_ADMIN, SYS_MODULE, SYS_PTRACE, NET_ADMIN, …).',
    why: 'Some capabilities are a container escape on their own: SYS_ADMIN (mount, cgroups — the classic release_agent escape), SYS_MODULE (load a kernel module), SYS_RAWIO and DAC_READ_SEARCH (read host memory or any host file), SYS_PTRACE (inject into processes), BPF and PERFMON (code and tracing in the host kernel), `ALL`. These are reported as errors. Others act on the whole host or weaken its protections — NET_ADMIN, SYS_TIME, SYSLOG, SYS_RESOURCE, LINUX_IMMUTABLE, AUDIT_CONTROL — and are reported as warnings. `CAP_` prefixes and any case are understood.',
    fix: 'Remove the capability. If the service needs one specific operation, look for a narrower way: a device or a volume instead of SYS_ADMIN mounts, a sidecar on the host for NET_ADMIN, NET_BIND_SERVICE instead of root for low ports.',
    invalid: ['services:\n  app:\n    image: alpine:3.20\n    cap_add:\n      - SYS_ADMIN\n'],
    valid: ['services:\n  app:\n    image: alpine:3.20\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D04 Secure Defaults and Hardening', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
      { title: 'Docker: runtime privilege and Linux capabilities', url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities' },
    ],
    whenNotToUse: 'Network appliances (NET_ADMIN for a VPN or router container) and debugging sessions (SYS_PTRACE); suppress with the reason.',
    differences: 'Severity is tiered: the capabilities that are an escape on their own are errors, the host-wide ones warnings (a severity configured for the rule applies to all). The table is in the engine\'s capability knowledge, dated and sourced.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      for (const cap of capabilities(service, 'cap_add')) {
        const risk = DANGEROUS_CAPABILITIES.get(cap.name);
        if (!risk) continue;
        const { item } = cap;
        ctx.report({
          service, at: item, severity: risk.severity,
          message: `Service '${service.name}' adds capability ${cap.name}: ${risk.why}. Remove it from cap_add, or grant something narrower.`,
          fixes: () => {
            const edit = item.file === ctx.model.file && item.node ? removeListEntry(item.file, item.source.map, item.source.pair, item.node) : null;
            return edit ? [{ title: `Remove ${item.text?.trim()} from cap_add`, safety: 'unsafe', edits: [edit] }] : [];
          },
        });
      }
    }
  },
});
