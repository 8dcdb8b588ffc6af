// D06 secrets and D08 image integrity and origin.
import { DockerfileRule } from '../../engine/rule';
import noSecretsInArgEnv from './no-secrets-in-arg-env';
import noSecretFiles from './no-secret-files';
import noHardcodedSecret from './no-hardcoded-secret';
import requireDockerignore from './require-dockerignore';
import noCopyWholeStage from './no-copy-whole-stage';
import preferCopyOverAdd from './prefer-copy-over-add';
import requireAddChecksum from './require-add-checksum';
import noPipeToShell from './no-pipe-to-shell';
import noInsecureDownload from './no-insecure-download';
import noPackageSignatureBypass from './no-package-signature-bypass';
import requireDigest from './require-digest';
import trustedRegistry from './trusted-registry';
import pinPackageVersions from './pin-package-versions';

export const GROUP_SUPPLY_CHAIN: DockerfileRule[] = [
  // D06
  noSecretsInArgEnv, noSecretFiles, noHardcodedSecret, requireDockerignore, noCopyWholeStage,
  // D08
  preferCopyOverAdd, requireAddChecksum, noPipeToShell, noInsecureDownload, noPackageSignatureBypass,
  requireDigest, trustedRegistry, pinPackageVersions,
];
