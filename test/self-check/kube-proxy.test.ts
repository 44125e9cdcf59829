import { describeSelfCheck } from './self-check.ts';

describeSelfCheck('kube-proxy');
