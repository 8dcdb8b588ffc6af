import { defineRule } from '../../engine/rule';
import { stageLineage } from '../../engine/dockerfile/model';
import { insertLines, userInsertionPoint } from '../../engine/fixes';
import { exposedPorts } from '../../engine/dockerfile/expose';
import { owaspRef, hadolintRef, dockerfileRef } from '../../engine/references';

export default defineRule({
  id: 'dockerfile/require-healthcheck',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: false,
  owasp: ['D04', 'D07'],
  peers: ['hadolint DL3057', 'Trivy DS-0026', 'Checkov CKV_DOCKER_2', 'KICS healthcheck_instruction_missing'],
  fix: { safety: 'unsafe', description: 'insert a HEALTHCHECK template to adapt' },
  docs: {
    summary: 'The image that ships has no HEALTHCHECK, so a hung app looks healthy.',
    why: 'Without a health check Docker and Compose only see whether the process exists: a deadlocked or overloaded app keeps receiving traffic and is never restarted, and `depends_on: condition: service_healthy` cannot work.',
    fix: 'Add a cheap check of the app itself: `HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -fsS http://localhost:8080/health || exit 1` (the tool must exist in the image; BusyBox/Alpine have `wget`). Kubernetes ignores HEALTHCHECK and uses probes instead; `HEALTHCHECK NONE` states that on purpose. The quick fix inserts a template on the first EXPOSEd port for you to adapt.',
    invalid: ['FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n'],
    valid: ['FROM nginx:1.27\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n', 'FROM nginx:1.27\nHEALTHCHECK NONE\n'],
    references: [owaspRef('D04'), owaspRef('D07'), dockerfileRef('HEALTHCHECK'), hadolintRef('DL3057')],
  },
  check(ctx) {
    const stage = ctx.model.shippedStage;
    if (!stage || (!stage.parent && stage.image === null)) return;
    if (stageLineage(stage).some(s => s.instructions.some(i => i.getKeyword() === 'HEALTHCHECK'))) return;
    // every compose service that builds this image defines its own healthcheck
    if (ctx.linkedServices?.length && ctx.linkedServices.every(s => s.healthcheck)) return;
    ctx.report({
      range: stage.from.getImageRange() ?? stage.from.getRange(),
      message: `The final stage (${stage.name ?? stage.image ?? 'FROM'}) has no HEALTHCHECK, so a hung app still counts as running. Add a HEALTHCHECK that probes the app (or HEALTHCHECK NONE if the orchestrator probes it).`,
      fixes: () => {
        const port = exposedPorts(ctx.model, stage).find(p => p.from !== null)?.from ?? 8080;
        const probe = stage.distro === 'alpine' || stage.distro === 'busybox' ? `wget -q --spider http://localhost:${port}/ || exit 1` : `curl -fsS http://localhost:${port}/ || exit 1`;
        const tool = probe.split(' ')[0];
        return [{ title: 'Insert a HEALTHCHECK template', safety: 'unsafe', edits: [insertLines(ctx.model, userInsertionPoint(ctx.model, stage), [
          `# Adapt: probe an endpoint that shows the app works; ${tool} must exist in the image.`,
          `HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD ${probe}`,
        ])] }];
      },
    });
  },
});
