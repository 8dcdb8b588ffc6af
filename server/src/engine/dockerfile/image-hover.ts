// Hover on a FROM whose image reference uses variables: what it resolves to (ARG defaults, global ARGs,
// --build-arg / compose build.args), or which variable is unknown. Pure: the language server renders it.
import { DockerfileModel } from './model';
import { hasVariables } from './variables';
import { Position, Range, comparePositions } from '../types';

export interface ImageHover { range: Range; markdown: string; plainText: string }

export function imageHover(model: DockerfileModel, at: Position): ImageHover | null {
  for (const stage of model.stages) {
    const range = stage.from.getImageRange();
    if (!range || comparePositions(range.start, at) > 0 || comparePositions(at, range.end) > 0) continue;
    if (!hasVariables(stage.imageRaw)) return null;
    if (stage.image === null || stage.image.trim() === '') {
      const why = 'a variable it uses has no default and no --build-arg value, so Shipshape leaves this image unjudged';
      return { range, markdown: `**Image:** \`${stage.imageRaw}\` cannot be resolved: ${why}.`, plainText: `Image: ${stage.imageRaw} cannot be resolved: ${why}.` };
    }
    const what = stage.parent ? `the earlier stage \`${stage.parent.name}\`` : `\`${stage.image}\``;
    return { range, markdown: `**Image:** \`${stage.imageRaw}\` resolves to ${what}`, plainText: `Image: ${stage.imageRaw} resolves to ${stage.parent ? `the earlier stage ${stage.parent.name}` : stage.image}` };
  }
  return null;
}
