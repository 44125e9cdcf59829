import { describeSelfCheck } from './self-check.ts';

describeSelfCheck('service');
