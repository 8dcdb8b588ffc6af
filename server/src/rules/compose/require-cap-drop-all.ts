import { defineComposeRule } from '../../engine/rule';
import { get } from '../../engine/compose/model';
import { capabilities } from '../../engine/compose/values';
import { addToMap, appendToSeq } from '../../engine/compose/edits';
import { asSeq } from '../../engine/compose/document';
import { TextEdit } from '../../engine/types';

export default defineComposeRule({
  id: 'compose/require-cap-drop-all',
  target: 'compose',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D04'],
  cwe: 'CWE-250',
  peers: ['KICS container_capabilities_unrestricted', 'compose-lint CL-0006'],
  fix: { safety: 'unsafe', description: 'add `ALL` to cap_drop (into the existing list when there is one); the service\'s cap_add entries are kept and still granted' },
  docs: {
    summary: 'The service does not drop all capabilities (`cap_drop: [ALL]`).',
    why: 'Docker gives every container 14 capabilities by default — CHOWN, DAC_OVERRIDE, FOWNER, SETUID/SETGID, NET_RAW, MKNOD, SYS_CHROOT, … — so root in the container can bypass file permissions, forge packets on its network and change identity. Most services need none of them. Dropping all and adding back the one or two the service needs (`cap_add`) shrinks what an attacker inherits.',
    fix: 'Add `cap_drop: [ALL]`. Keep `cap_add` for what the service really needs (e.g. `NET_BIND_SERVICE` to listen below 1024, `CHOWN`/`SETUID`/`SETGID` for images whose entrypoint switches user); Docker applies cap_add after cap_drop.',
    invalid: ['services:\n  web:\n    image: nginx:1.27\n'],
    valid: ['services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE, CHOWN, SETUID, SETGID]\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D04 Secure Defaults and Hardening', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Docker: runtime privilege and Linux capabilities', url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities' },
      { title: 'capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
    ],
    whenNotToUse: 'Images whose entrypoint needs several default capabilities and that you cannot configure otherwise; list them in cap_add after dropping ALL rather than suppressing.',
    differences: 'KICS accepts any `cap_drop` list; Shipshape asks for `ALL`, since dropping one capability leaves the other thirteen (so a `cap_drop` without ALL is reported on the `cap_drop` key).',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const drops = capabilities(service, 'cap_drop');
      if (drops.some(d => d.name === 'ALL')) continue;
      const existing = get(service, 'cap_drop');
      const at = existing?.keyRange && existing.file === service.file ? { file: existing.file, range: existing.keyRange } : { file: service.file, range: service.nameRange };
      const dropped = drops.length ? ` (it drops only ${drops.map(d => d.name).join(', ')})` : '';
      ctx.report({
        service, at,
        message: `Service '${service.name}' keeps Docker's default capabilities${dropped}: root in it can bypass file permissions, forge packets and change identity. Add cap_drop: [ALL] and cap_add back only what it needs.`,
        fixes: () => {
          let edit: TextEdit | null = null;
          const seq = existing && existing.file === ctx.model.file ? asSeq(existing.file, existing.node) : null;
          if (seq) edit = appendToSeq(existing!.file, seq, 'ALL');
          else if (service.file === ctx.model.file && (!existing || existing.file !== ctx.model.file)) edit = addToMap(service.file, service.map, ['cap_drop:', '  - ALL']);
          return edit ? [{ title: 'Drop all capabilities (cap_drop: [ALL])', safety: 'unsafe', edits: [edit] }] : [];
        },
      });
    }
  },
});
