import { defineRule } from '../../engine/rule';
import { PackageCommand, packageCommands, isInstall, isAptFamily, isRpmFamily } from '../../engine/dockerfile/packages';
import { shippableStages } from '../../engine/dockerfile/stages';
import { insertAfterWord } from '../../engine/dockerfile/flag-edits';
import { hadolintRef, BEST_PRACTICES } from '../../engine/references';

/** True when apt's options answer yes: -y/--yes/--assume-yes, a short group with y, or quiet level 2 (-qq, -q=2, -q -q). */
function aptAssumesYes(p: PackageCommand): boolean {
  let quiet = 0;
  for (const o of p.options) {
    const v = o.value;
    if (v === '--yes' || v === '--assume-yes' || v === '--force-yes' || /^-[a-zA-Z]*y[a-zA-Z]*$/.test(v) && !v.startsWith('--')) return true;
    if (v === '-q=2' || v === '--quiet=2') return true;
    if (v === '--quiet') quiet++;
    else if (/^-q+$/.test(v)) quiet += v.length - 1;
  }
  return quiet >= 2 || p.cmd.words.some(w => /APT::Get::Assume-Yes=(true|1|yes)/i.test(w.value));
}

function answersYes(p: PackageCommand): boolean {
  if (isAptFamily(p.manager)) return aptAssumesYes(p);
  if (isRpmFamily(p.manager)) return p.options.some(o => o.value === '--assumeyes' || (/^-[a-zA-Z]*y[a-zA-Z]*$/.test(o.value)));
  if (p.manager === 'zypper') return p.options.some(o => ['-n', '--non-interactive', '-y', '--no-confirm'].includes(o.value));
  if (p.manager === 'pacman') return p.options.some(o => o.value === '--noconfirm');
  return true;
}

export default defineRule({
  id: 'dockerfile/require-noninteractive-install',
  scope: 'stage',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: true,
  owasp: [],
  peers: ['hadolint DL3014 DL3030 DL3034 DL3038', 'Trivy DS-0021', 'KICS apt_get_missing_flags_to_avoid_manual_input yum_install_allows_manual_input missing_flag_from_dnf_install missing_zypper_non_interactive_switch'],
  fix: { safety: 'safe', description: 'insert -y (pacman: --noconfirm)' },
  docs: {
    summary: 'A package install may stop to ask for confirmation: it lacks `-y` / `--non-interactive`.',
    why: 'A build has no one to answer "Do you want to continue? [Y/n]". Depending on the package manager and what the install pulls in, the step either aborts or behaves differently from a run on a terminal, so builds fail at random when dependencies change.',
    fix: 'Say yes up front: `apt-get install -y`, `yum/dnf/microdnf install -y`, `zypper --non-interactive install` (or `install -y`), `pacman -S --noconfirm`. The quick fix inserts the flag.',
    invalid: ['FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'],
    valid: ['FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n', 'FROM debian:bookworm-slim\nRUN apt-get -qq install curl\n'],
    references: [BEST_PRACTICES, hadolintRef('DL3014')],
    differences: 'Only stages that ship are judged, like KICS. An exec-form RUN whose program is `"sudo yum"` as one word (a KICS sample) is not read as yum: that RUN fails at build time, as there is no program with that name.',
  },
  check(ctx) {
    for (const stage of shippableStages(ctx.model)) {
      for (const run of stage.runs) {
        if (run.onbuild) continue;
        for (const p of packageCommands(run.commands)) {
          if (!isInstall(p) || p.manager === 'apk' || p.manager === 'pip' || answersYes(p)) continue;
          const action = p.actionWord;
          const flag = p.manager === 'pacman' ? '--noconfirm' : '-y';
          const anchor = action ?? p.options.find(o => o.value.startsWith('-S')) ?? p.program;
          ctx.report({
            range: ctx.model.index.rangeOf(p.program.start, anchor.end),
            message: `${p.manager} ${action?.value ?? 'install'} without ${flag}${p.manager === 'zypper' ? ' / --non-interactive' : ''} may stop to ask for confirmation, which a build cannot answer. Add ${flag}.`,
            fixes: () => [{ title: `Add ${flag}`, safety: 'safe', edits: [insertAfterWord(ctx.model, anchor, flag, run.execForm)] }],
          });
        }
      }
    }
  },
});
