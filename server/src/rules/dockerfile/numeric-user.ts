import { defineRule } from '../../engine/rule';
import { effectiveUser, isRootUser, createdUsers, createdGroup } from '../../engine/dockerfile/model';

export default defineRule({
  id: 'dockerfile/numeric-user',
  target: 'dockerfile',
  severity: 'info',
  defaultOn: false,
  owasp: ['D01'],
  peers: ['hadolint DL3066'],
  fix: { safety: 'safe', description: 'replace the name with the uid (and gid) the file itself assigned' },
  docs: {
    summary: 'The final USER is a name, not a numeric uid.',
    why: 'Kubernetes `runAsNonRoot` and admission policies can only verify a numeric uid: with `USER app` the kubelet cannot tell whether `app` is root and refuses to start the pod (or a policy engine flags it). A name also depends on /etc/passwd in the image, which a later layer can change.',
    fix: 'Use the numeric uid (and gid) you assigned when creating the user: `USER 10001:10001`. The quick fix takes them from the useradd/adduser line in the file.',
    invalid: ['FROM debian:bookworm-slim\nRUN useradd --uid 10001 app\nUSER app\n'],
    valid: ['FROM debian:bookworm-slim\nRUN useradd --uid 10001 app\nUSER 10001\n'],
    references: [
      { title: 'OWASP Docker Top 10 — D01 Secure User Mapping', url: 'https://owasp.org/www-project-docker-top-10/' },
      { title: 'Kubernetes: runAsNonRoot', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
      { title: 'hadolint DL3066', url: 'https://github.com/hadolint/hadolint/wiki/DL3066' },
    ],
    whenNotToUse: 'Images that never run on Kubernetes or under a policy that checks uids.',
  },
  check(ctx) {
    const stage = ctx.model.shippedStage;
    if (!stage) return;
    const eff = effectiveUser(stage);
    if (eff.kind !== 'instruction' || eff.stage !== stage) return;
    const { user, group } = eff.user;
    if (user === null || /^\d+$/.test(user) || isRootUser(user)) return;
    const account = createdUsers(stage).find(a => a.name === user);
    ctx.report({
      range: eff.user.argsRange,
      message: `USER ${eff.user.raw} names the user: Kubernetes runAsNonRoot cannot verify a name. Use the numeric uid${account?.id != null ? ` (${account.id})` : ''}.`,
      fixes: account?.id == null ? undefined : () => {
        const gid = group === null ? null : /^\d+$/.test(group) ? group : createdGroup(stage, group)?.id ?? null;
        if (group !== null && gid === null) return [];
        const value = gid === null ? `${account.id}` : `${account.id}:${gid}`;
        return [{ title: `Use the numeric uid (USER ${value})`, safety: 'safe', edits: [{ range: eff.user.argsRange, newText: value }] }];
      },
    });
  },
});
