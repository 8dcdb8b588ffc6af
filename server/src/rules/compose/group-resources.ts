// D06 secrets, D07 resources, D08 images, D09 immutability, D10 logging, and schema validation.
import { ComposeRule } from '../../engine/rule';

export const GROUP_RESOURCES: ComposeRule[] = [];
