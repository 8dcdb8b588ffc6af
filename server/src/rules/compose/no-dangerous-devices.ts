import { defineComposeRule } from '../../engine/rule';
import { items } from '../../engine/compose/model';
import { asMap, scalarText } from '../../engine/compose/document';
import { dangerousDevice } from '../../engine/knowledge/host-paths';

export default defineComposeRule({
  id: 'compose/no-dangerous-devices',
  target: 'compose',
  severity: 'error',
  defaultOn: true,
  owasp: ['D04'],
  cwe: 'CWE-250',
  peers: ['compose-lint CL-0016'],
  docs: {
    summary: 'The service is given a dangerous host device (/dev/mem, /dev/kmem, /dev/port, a raw disk, /dev/kvm, …).',
    why: '`devices:` passes a host device node into the container, past the device cgroup. /dev/mem, /dev/kmem and /dev/port expose the host\'s physical memory and I/O ports; a raw disk (/dev/sda, /dev/nvme0n1, /dev/mapper/…) lets the container read or rewrite any file on it regardless of permissions, including /etc/shadow; /dev/kvm and /dev/cpu/*/msr reach the hypervisor and CPU registers.',
    fix: 'Remove the device. If the service needs storage, mount a directory or a volume; if it needs one piece of hardware (a GPU, a serial port), pass only that device.',
    invalid: ['services:\n  disk:\n    image: alpine:3.20\n    devices:\n      - /dev/sda:/dev/sda\n'],
    valid: ['services:\n  modem:\n    image: alpine:3.20\n    devices:\n      - /dev/ttyUSB0:/dev/ttyUSB0\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D04 Secure Defaults and Hardening', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Compose file reference: devices', url: 'https://docs.docker.com/reference/compose-file/services/#devices' },
      { title: 'mem(4): /dev/mem, /dev/kmem, /dev/port', url: 'https://man7.org/linux/man-pages/man4/mem.4.html' },
    ],
    whenNotToUse: 'Disk tools and virtualisation hosts run on purpose in a container; suppress with the reason.',
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      for (const item of items(service, 'devices')) {
        const map = asMap(item.file, item.node);
        const host = map ? scalarText(item.file, map.get('source', true)) : item.text?.split(':')[0] ?? null;
        const what = host ? dangerousDevice(host) : null;
        if (!host || !what) continue;
        ctx.report({
          service, at: item,
          message: `Service '${service.name}' is given host device ${host}: ${what}. Remove it, or pass only the device the service needs.`,
        });
      }
    }
  },
});
