import { defineRule } from '../../engine/rule';
import { packageCommands } from '../../engine/dockerfile/packages';
import { hadolintRef } from '../../engine/references';

// apt subcommands apt-get has under the same name
const SAME_IN_APT_GET = new Set(['install', 'update', 'upgrade', 'remove', 'purge', 'autoremove', 'clean', 'autoclean', 'dist-upgrade', 'source', 'build-dep', 'download', 'satisfy']);

export default defineRule({
  id: 'dockerfile/prefer-apt-get',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: true,
  owasp: [],
  peers: ['hadolint DL3027', 'Checkov CKV_DOCKER_9', 'KICS run_using_apt'],
  fix: { safety: 'safe', description: 'replace apt with apt-get' },
  docs: {
    summary: 'A RUN uses `apt`, the interactive front end, instead of `apt-get`.',
    why: '`apt` is meant for people at a terminal: its output and behaviour may change between releases and it warns "apt does not have a stable CLI interface. Use with caution in scripts." `apt-get` is the stable interface for scripts and builds.',
    fix: 'Use `apt-get` (and `apt-cache` for search/show). The quick fix replaces `apt` when apt-get has the same subcommand.',
    invalid: ['FROM debian:bookworm-slim\nRUN apt install -y curl\n'],
    valid: ['FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n'],
    references: [hadolintRef('DL3027'), { title: 'apt(8) manual: script usage', url: 'https://manpages.debian.org/bookworm/apt/apt.8.en.html' }],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const run of stage.runs) {
        for (const p of packageCommands(run.commands)) {
          if (p.manager !== 'apt') continue;
          const fixable = p.actionWord !== null && SAME_IN_APT_GET.has(p.actionWord.value);
          ctx.report({
            range: ctx.model.index.rangeOf(p.program.start, p.program.end),
            message: `apt${p.actionWord ? ' ' + p.actionWord.value : ''} uses apt's interactive front end, whose CLI is not stable for scripts. Use ${fixable || !p.actionWord ? 'apt-get' : 'apt-get or apt-cache'}.`,
            fixes: fixable ? () => [{ title: 'Replace apt with apt-get', safety: 'safe', edits: [run.execForm
              ? { range: ctx.model.index.rangeOf(p.program.start, p.program.end), newText: JSON.stringify(p.program.value + '-get') }
              : { range: ctx.model.index.rangeOf(p.program.end - 3, p.program.end), newText: 'apt-get' }] }] : undefined,
          });
        }
      }
    }
  },
});
