import { describeSelfCheck } from './self-check.ts';

describeSelfCheck('ingress');
