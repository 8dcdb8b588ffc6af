// D02 patching, D03 ports, D04 hardening, D09 immutability, and the correctness rules peers share.
import { DockerfileRule } from '../../engine/rule';
import noLatestTag from './no-latest-tag';
import requireImageTag from './require-image-tag';
import noEolBaseImage from './no-eol-base-image';
import noLoneUpdate from './no-lone-update';
import noAdminPort from './no-admin-port';
import validPort from './valid-port';
import noSensitiveVolume from './no-sensitive-volume';
import noSystemWorkdir from './no-system-workdir';
import absoluteWorkdir from './absolute-workdir';
import requireNoInstallRecommends from './require-no-install-recommends';
import requirePackageCacheCleanup from './require-package-cache-cleanup';
import requireNoninteractiveInstall from './require-noninteractive-install';
import preferAptGet from './prefer-apt-get';
import requirePipefail from './require-pipefail';
import requireExecForm from './require-exec-form';
import noWorldWritable from './no-world-writable';
import noRunCd from './no-run-cd';
import noMaintainer from './no-maintainer';
import singleCmd from './single-cmd';
import uniqueStageName from './unique-stage-name';
import validCopyFrom from './valid-copy-from';
import copyDestSlash from './copy-dest-slash';
import noShellSymlink from './no-shell-symlink';
import noCurlAndWget from './no-curl-and-wget';
import namedStages from './named-stages';
import noPlatformFlag from './no-platform-flag';
import mergeConsecutiveRun from './merge-consecutive-run';
import noCopyChown from './no-copy-chown';
import noUnneededTools from './no-unneeded-tools';
import requireHealthcheck from './require-healthcheck';
import requireMultiStage from './require-multi-stage';

export const GROUP_HARDENING: DockerfileRule[] = [
  noLatestTag, requireImageTag, noEolBaseImage, noLoneUpdate, noAdminPort, validPort, noSensitiveVolume, noSystemWorkdir,
  absoluteWorkdir, requireNoInstallRecommends, requirePackageCacheCleanup, requireNoninteractiveInstall, preferAptGet, requirePipefail, requireExecForm,
  noWorldWritable, noRunCd, noMaintainer, singleCmd, uniqueStageName, validCopyFrom, copyDestSlash, noShellSymlink, noCurlAndWget, namedStages, noPlatformFlag, mergeConsecutiveRun, noCopyChown, noUnneededTools, requireHealthcheck,
  requireMultiStage,
];
