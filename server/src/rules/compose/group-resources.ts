// D06 secrets, D07 resources, D08 images, D09 immutability, D10 logging, and schema validation.
import { ComposeRule } from '../../engine/rule';
import noLiteralSecrets from './no-literal-secrets';
import requireMemoryLimit from './require-memory-limit';
import requireCpuLimit from './require-cpu-limit';
import requirePidsLimit from './require-pids-limit';
import noOomKillDisable from './no-oom-kill-disable';
import requireLogRotation from './require-log-rotation';
import restartPolicy from './restart-policy';
import noCgroupParent from './no-cgroup-parent';
import requireHealthcheck from './require-healthcheck';
import noLatestTag from './no-latest-tag';
import requireDigest from './require-digest';
import trustedRegistry from './trusted-registry';
import requireReadOnly from './require-read-only';
import secureTmpfs from './secure-tmpfs';
import noLoggingDisabled from './no-logging-disabled';
import validSchema from './valid-schema';

export const GROUP_RESOURCES: ComposeRule[] = [
  validSchema, noLiteralSecrets,
  requireMemoryLimit, requireCpuLimit, requirePidsLimit, noOomKillDisable, requireHealthcheck, restartPolicy, noCgroupParent,
  noLatestTag, requireDigest, trustedRegistry,
  requireReadOnly, secureTmpfs,
  noLoggingDisabled, requireLogRotation,
];
