import { JSONInstruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import { shippableStages, shellAt, isPosixShell } from '../../engine/dockerfile/stages';
import { splitShell } from '../../engine/dockerfile/shell';
import { owaspRef, hadolintRef, dockerfileRef } from '../../engine/references';

// commands that only exist inside a shell: converting them to exec form would break them
const SHELL_ONLY = new Set(['cd', 'exec', 'exit', 'source', '.', 'export', 'set', 'eval', 'if', 'for', 'while', 'case', 'trap', 'ulimit', 'umask', 'test', '[', 'true', 'false', 'alias', 'unset', 'read', 'wait']);

export default defineRule({
  id: 'dockerfile/require-exec-form',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'warning',
  defaultOn: true,
  owasp: ['D04', 'D10'],
  peers: ['hadolint DL3025', 'KICS not_using_json_in_cmd_and_entrypoint_arguments', 'Semgrep prefer-json-notation', 'BuildKit JSONArgsRecommended'],
  fix: { safety: 'safe', description: 'convert to a JSON array when the command has no shell syntax' },
  docs: {
    summary: 'CMD or ENTRYPOINT is in shell form, so the app runs under `/bin/sh -c` and never receives stop signals.',
    why: 'Shell form wraps the command in `/bin/sh -c`: the shell is PID 1 and does not forward SIGTERM, so `docker stop` and Kubernetes wait out the grace period and then SIGKILL the app — no graceful shutdown, no flushed logs, cut connections. A shell-form ENTRYPOINT also ignores CMD and `docker run` arguments.',
    fix: 'Write the JSON (exec) form: `CMD ["python", "app.py"]`. If you need shell features, use `exec` in a script or `CMD ["sh", "-c", "exec app --port \\"$PORT\\""]`. The quick fix converts commands that use no shell syntax (no variables, operators, redirections, globs or shell builtins); it leaves a shell-form ENTRYPOINT alone when the stage also has a CMD, whose arguments would start to be passed to it.',
    invalid: ['FROM python:3.12-slim\nCMD python app.py\n', 'FROM python:3.12-slim\nCMD [python, app.py]\n'],
    valid: ['FROM python:3.12-slim\nCMD ["python", "app.py"]\n', 'FROM python:3.12-slim AS build\nCMD make\nFROM python:3.12-slim\nCOPY --from=build /out /out\nCMD ["python", "/out/app.py"]\n'],
    references: [owaspRef('D04'), owaspRef('D10'), dockerfileRef('CMD'), hadolintRef('DL3025')],
    differences: 'Only the stages that ship are judged (a builder\'s CMD never runs), and stages whose SHELL is PowerShell or cmd are left alone.',
  },
  check(ctx) {
    for (const stage of shippableStages(ctx.model)) {
      for (const ins of stage.instructions) {
        const keyword = ins.getKeyword();
        if ((keyword !== 'CMD' && keyword !== 'ENTRYPOINT') || !ins.getArgumentsRange()) continue;
        const json = ins as JSONInstruction;
        if (json.getOpeningBracket() && json.getClosingBracket() && json.getJSONStrings().length) continue;
        if (!isPosixShell(shellAt(stage, ins))) continue;
        const argsRange = ins.getArgumentsRange()!;
        const raw = ctx.model.index.slice(argsRange);
        const badJson = raw.trimStart().startsWith('[');
        const hasCmd = stage.instructions.some(i => i.getKeyword() === 'CMD');
        ctx.report({
          range: argsRange,
          message: badJson
            ? `${keyword} ${raw.trim()} is not valid JSON (strings need double quotes), so Docker runs it in shell form under /bin/sh -c, where stop signals do not reach the app. Quote every element.`
            : `${keyword} in shell form runs under /bin/sh -c: the shell is PID 1 and does not forward SIGTERM, so the app cannot shut down gracefully. Use the JSON form ${keyword} ["…"].`,
          fixes: () => {
            const start = ctx.model.index.offsetAt(argsRange.start);
            const cmds = splitShell(raw, start, ctx.model.escape, true);
            if (badJson || cmds.length !== 1 || /[$`*?~<>\\[\]{}]/.test(raw) || /^\s*#/.test(raw)) return [];
            const words = cmds[0].words.map(w => w.value);
            if (!words.length || SHELL_ONLY.has(words[0]) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) return [];
            if (keyword === 'ENTRYPOINT' && hasCmd) return [];
            return [{ title: `Convert ${keyword} to JSON form`, safety: 'safe', edits: [{ range: argsRange, newText: JSON.stringify(words).replace(/","/g, '", "') }] }];
          },
        });
      }
    }
  },
});
