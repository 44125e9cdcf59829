/**
 * The reference keyIndex against every case of engine/store/key-index-suite.ts. The grader's
 * file (grader/tests/store-mvcc.ts) adds cluster cases; the stub and the mutants
 * (grader/mutants/store-mvcc.ts) are checked by test/self-check.test.ts.
 */
import { describeKeyIndex } from '../../engine/store/key-index-suite.ts';
import { newKeyIndex } from './key-index.ts';

describeKeyIndex('reference solution', newKeyIndex);
