// Shared by the security_opt rules: entries that turn a confinement off, and the fix that removes one.
import { ComposeContext } from '../../engine/rule';
import { securityOpts, SecurityOpt } from '../../engine/compose/values';
import { removeListEntry } from '../../engine/compose/edits';
import { ServiceModel } from '../../engine/compose/model';
import { Fix } from '../../engine/types';

/** Each service's security_opt entries that match. */
export function matchingOpts(ctx: ComposeContext, match: (o: SecurityOpt) => boolean): Array<{ service: ServiceModel; opt: SecurityOpt }> {
  return ctx.model.services.flatMap(service => securityOpts(service).filter(match).map(opt => ({ service, opt })));
}

/** The fix that deletes the entry (the whole key when it is the only one). */
export function removeOptFix(ctx: ComposeContext, opt: SecurityOpt, title: string): Fix[] {
  const { item } = opt;
  if (item.file !== ctx.model.file || !item.node) return [];
  const edit = removeListEntry(item.file, item.source.map, item.source.pair, item.node);
  return edit ? [{ title, safety: 'unsafe', edits: [edit] }] : [];
}
