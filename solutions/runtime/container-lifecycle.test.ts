import { describeContainerLifecycle } from '../../engine/runtime/container-lifecycle-suite.ts';
import { containerLifecycle } from './container-lifecycle.ts';

// The reference passes every case of the part's suite. The stub and the mutants are checked by
// the grader's self-check (grader/tests/runtime-container.ts, grader/mutants/runtime-container.ts).
describeContainerLifecycle('reference solution', containerLifecycle);
