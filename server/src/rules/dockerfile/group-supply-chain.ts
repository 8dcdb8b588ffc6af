// D06 secrets and D08 image integrity and origin.
import { DockerfileRule } from '../../engine/rule';

export const GROUP_SUPPLY_CHAIN: DockerfileRule[] = [];
