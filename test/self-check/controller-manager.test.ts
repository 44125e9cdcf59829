import { describeSelfCheck } from './self-check.ts';

describeSelfCheck('controller-manager');
