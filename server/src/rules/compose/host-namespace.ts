// Shared by the namespace rules (no-host-pid, no-host-ipc, no-host-uts, no-host-userns, no-host-network):
// find `<key>: host` on each service and report it, with the removal fix where the rule offers one.
import { ComposeContext } from '../../engine/rule';
import { hostMode } from '../../engine/compose/mounts';
import { removeKey } from '../../engine/compose/edits';
import { ServiceModel } from '../../engine/compose/model';

export function reportHostMode(ctx: ComposeContext, key: string, message: (service: ServiceModel) => string, fixTitle: string | null): void {
  for (const service of ctx.model.services) {
    const l = hostMode(service, key);
    if (!l) continue;
    ctx.report({
      service, at: l, message: message(service),
      ...(fixTitle ? {
        fixes: () => {
          const edit = l.map && l.pair ? removeKey(l.file, l.map, l.pair) : null;
          return edit ? [{ title: fixTitle, safety: 'unsafe' as const, edits: [edit] }] : [];
        },
      } : {}),
    });
  }
}
