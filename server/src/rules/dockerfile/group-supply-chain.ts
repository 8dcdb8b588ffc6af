// D06 secrets and D08 image integrity and origin.
import { DockerfileRule } from '../../engine/rule';
import noSecretsInArgEnv from './no-secrets-in-arg-env';
import noSecretFiles from './no-secret-files';
import noHardcodedSecret from './no-hardcoded-secret';
import noPipeToShell from './no-pipe-to-shell';
import noInsecureDownload from './no-insecure-download';
import noPackageSignatureBypass from './no-package-signature-bypass';
import preferCopyOverAdd from './prefer-copy-over-add';
import requireAddChecksum from './require-add-checksum';
import requireDockerignore from './require-dockerignore';

export const GROUP_SUPPLY_CHAIN: DockerfileRule[] = [noSecretsInArgEnv, noSecretFiles, noHardcodedSecret,
  noPipeToShell, noInsecureDownload, noPackageSignatureBypass,
  preferCopyOverAdd, requireAddChecksum, requireDockerignore];
