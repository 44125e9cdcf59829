// Freezing lives in engine/util so that the apiserver's shared watch objects and the informers'
// caches use one registry of deeply frozen objects (a frozen event is cached without a copy).
export { deepCopy, deepFreeze, frozenCopy, isDeepFrozen } from '../../util/deep-freeze.ts';
