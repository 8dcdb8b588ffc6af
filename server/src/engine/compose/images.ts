// A service's `image:` reference, with Compose interpolation defaults resolved (`nginx:${TAG:-1.27}`).
import { ServiceModel, Located, get } from './model';
import { scalarText } from './document';
import { parseImageRef, ImageRef } from '../knowledge/base-images';

export interface ServiceImage {
  located: Located;
  /** as written */
  raw: string;
  /** after `${VAR:-default}` / `${VAR-default}` substitution; null when a variable has no default */
  image: string | null;
  ref: ImageRef | null;
  /** the service also has `build:`, so `image:` names what Compose builds rather than what it pulls */
  builds: boolean;
}

/** Compose interpolation with only the defaults written in the file; null when a variable has none. */
export function interpolateDefaults(text: string): string | null {
  let unresolved = false;
  const out = text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, _name, op: string | undefined, word: string | undefined) => {
    if (m === '$$') return '$';
    if (op === '-' || op === ':-') return word ?? '';
    unresolved = true;
    return m;
  });
  return unresolved ? null : out;
}

export function serviceImage(service: ServiceModel): ServiceImage | null {
  const located = get(service, 'image');
  if (!located) return null;
  const raw = scalarText(located.file, located.node);
  if (raw === null || raw.trim() === '') return null;
  const image = interpolateDefaults(raw.trim());
  return { located, raw, image, ref: image ? parseImageRef(image) : null, builds: get(service, 'build') !== undefined };
}
