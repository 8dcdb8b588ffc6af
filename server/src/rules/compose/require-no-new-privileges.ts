import { defineComposeRule } from '../../engine/rule';
import { get } from '../../engine/compose/model';
import { securityOpts } from '../../engine/compose/values';
import { addToMap, appendToSeq } from '../../engine/compose/edits';
import { asSeq } from '../../engine/compose/document';
import { TextEdit } from '../../engine/types';

export default defineComposeRule({
  id: 'compose/require-no-new-privileges',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D04'],
  cwe: 'CWE-269',
  peers: ['KICS no_new_privileges_not_set', 'KICS security_opt_not_set', 'Semgrep no-new-privileges', 'compose-lint CL-0003'],
  fix: { safety: 'safe', description: 'add `no-new-privileges:true` to security_opt (into the existing list when there is one)' },
  docs: {
    summary: 'The service does not set `no-new-privileges`.',
    why: 'Without it, a process in the container can gain privileges through setuid/setgid binaries or file capabilities (sudo, su, ping, a planted binary). `no-new-privileges` makes the kernel refuse any privilege gain after the container starts, so the non-root user stays non-root.',
    fix: 'Add `security_opt: ["no-new-privileges:true"]` to the service. It breaks only programs that rely on setuid at run time, which a hardened service should not.',
    invalid: ['services:\n  web:\n    image: nginx:1.27\n'],
    valid: ['services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n', 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges=true"]\n'],
    differences: 'KICS (security_opt_not_set) accepts any security_opt entry; Shipshape asks for no-new-privileges itself, because an AppArmor or seccomp entry does not stop a setuid binary from raising privileges.',
    references: [
      { title: 'OWASP Docker Top 10 — D04 Secure Defaults and Hardening', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker run reference: --security-opt no-new-privileges', url: 'https://docs.docker.com/reference/cli/docker/container/run/#security-opt' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const opts = securityOpts(service);
      const nnp = opts.find(o => o.name === 'no-new-privileges');
      if (nnp && (nnp.value === null || /^(true|1|yes)$/i.test(nnp.value))) continue;
      if (nnp) {
        ctx.report({ service, at: nnp.item, message: `Service '${service.name}' sets no-new-privileges to ${nnp.value}: setuid binaries can raise privileges again. Set it to true.` });
        continue;
      }
      // an existing security_opt without the entry is where the fix goes, so the finding goes there too
      const existingKey = get(service, 'security_opt');
      const at = existingKey?.keyRange && existingKey.file === ctx.model.file ? { file: existingKey.file, range: existingKey.keyRange } : { file: service.file, range: service.nameRange };
      ctx.report({
        service, at,
        message: `Service '${service.name}' does not set security_opt no-new-privileges: setuid binaries in the image can raise a process back to root. Add no-new-privileges:true.`,
        fixes: () => {
          let edit: TextEdit | null = null;
          const existing = get(service, 'security_opt');
          const seq = existing && existing.file === ctx.model.file ? asSeq(existing.file, existing.node) : null;
          if (seq) edit = appendToSeq(existing!.file, seq, 'no-new-privileges:true');
          else if (!existing && service.file === ctx.model.file) edit = addToMap(service.file, service.map, ['security_opt:', '  - no-new-privileges:true']);
          return edit ? [{ title: 'Add security_opt no-new-privileges:true', safety: 'safe', edits: [edit] }] : [];
        },
      });
    }
  },
});
