import { describeSelfCheck } from './self-check.ts';

describeSelfCheck('volume');
