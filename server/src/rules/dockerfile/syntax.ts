import { defineRule } from '../../engine/rule';
import { Instruction } from 'dockerfile-ast';
import { DockerfileModel, wholeModel } from '../../engine/dockerfile/model';

const KEYWORDS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];

function closest(word: string): string | null {
  const w = word.toUpperCase();
  let best: string | null = null, bestScore = 3;
  for (const k of KEYWORDS) {
    const d = distance(w, k);
    if (d < bestScore) { best = k; bestScore = d; }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]; row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

export default defineRule({
  id: 'dockerfile/syntax',
  // stage by stage; the first stage also reads what comes before the first FROM, so that text is its key
  scope: 'stage',
  stageKey: (view, stage) => stage.index === 0 ? view.text.slice(0, view.index.offsetAt({ line: stage.from.getRange().start.line, character: 0 })) : '',
  target: 'dockerfile',
  severity: 'error',
  defaultOn: true,
  owasp: [],
  peers: ['BuildKit parse errors', 'hadolint DL1000'],
  docs: {
    summary: 'The Dockerfile does not parse: an unknown instruction, an instruction before the first FROM, a missing image or user.',
    why: 'The build stops at this line, and every rule that judges the image can only guess past it.',
    fix: 'Correct the instruction named in the message. Only ARG (and comments and parser directives) may come before the first FROM.',
    invalid: ['FROM debian:bookworm-slim\nRUNN apt-get update\n', 'USER app\nFROM debian:bookworm-slim\n'],
    valid: ['# syntax=docker/dockerfile:1\nARG BASE=debian:bookworm-slim\nFROM ${BASE}\nUSER 10001\n'],
    references: [{ title: 'Dockerfile reference', url: 'https://docs.docker.com/reference/dockerfile/' }],
  },
  check(ctx) {
    const { model } = ctx;
    let seenFrom = false;
    for (const ins of instructionsToRead(model)) {
      const keyword = ins.getKeyword();
      const nameRange = ins.getInstructionRange();
      if (!KEYWORDS.includes(keyword)) {
        const guess = closest(keyword);
        ctx.report({ range: nameRange, message: `Unknown instruction ${ins.getInstruction()}${guess ? `: did you mean ${guess}?` : '.'} The build stops here.` });
        continue;
      }
      if (keyword === 'FROM') {
        seenFrom = true;
        if (!ins.getArgumentsRange()) ctx.report({ range: nameRange, message: 'FROM needs an image: FROM <image>[:tag] [AS <name>].' });
        continue;
      }
      if (!seenFrom && keyword !== 'ARG') {
        ctx.report({ range: nameRange, message: `${keyword} comes before the first FROM; only ARG may. Move it after FROM.` });
        continue;
      }
      if (keyword === 'USER' && !ins.getArgumentsRange()) ctx.report({ range: nameRange, message: 'USER needs a user: USER <uid>[:<gid>] or USER <name>[:<group>].' });
      if (keyword === 'ONBUILD') {
        const trigger = ins.getArgumentsRange() ? ins.getArguments()[0]?.getValue().toUpperCase() : undefined;
        if (trigger && !KEYWORDS.includes(trigger)) ctx.report({ range: ins.getArgumentsRange()!, message: `ONBUILD ${trigger} is not an instruction.` });
        if (trigger === 'FROM' || trigger === 'ONBUILD' || trigger === 'MAINTAINER') ctx.report({ range: ins.getArgumentsRange()!, message: `ONBUILD ${trigger} is not allowed.` });
      }
    }
    const meaningful = model.instructions.length > 0;
    if (meaningful && !seenFrom) {
      ctx.report({ range: model.instructions[0].getInstructionRange(), message: 'This Dockerfile has no FROM instruction: a build needs a base image (or FROM scratch).' });
    }
  },
});

/** The instructions of the model's stages (FROM included), with those before the first FROM; all without stages. */
function instructionsToRead(model: DockerfileModel): Instruction[] {
  if (!model.stages.length) return model.instructions;
  const out: Instruction[] = [];
  for (const stage of model.stages) {
    if (stage.index === 0) for (const ins of wholeModel(model).instructions) { if (ins === stage.from) break; out.push(ins); }
    out.push(stage.from, ...stage.instructions);
  }
  return out;
}
