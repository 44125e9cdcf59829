import { describeImageReference } from '../../engine/runtime/image-reference-suite.ts';
import { parseImageReference } from './image-reference.ts';

describeImageReference('reference solution', parseImageReference);
