// D02 patching, D03 ports, D04 hardening, D09 immutability, and the correctness rules peers share.
import { DockerfileRule } from '../../engine/rule';

export const GROUP_HARDENING: DockerfileRule[] = [];
