/**
 * Shared objects are frozen. The apiserver hands one decoded object to every watcher of a store
 * event, and one informer hands the same object to every controller that reads
 * its lister. client-go documents "never mutate what a lister returns" and relies on discipline;
 * here the cache deep-freezes what it stores, so a controller that assigns to a cached object
 * gets a TypeError at the line that does it (ES modules run in strict mode) instead of silently
 * corrupting every other reader's view.
 *
 * To change an object, copy it first (`deepCopy(cached)`, the DeepCopy() of client-go), modify
 * the copy, and write it through the client.
 */

/** Roots already frozen all the way down: freezing them again is free. */
const deeplyFrozen = new WeakSet<object>();

/** Freezes `value` and everything reachable from it, in place; returns `value`. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (deeplyFrozen.has(value as object)) return value;
  const stack: object[] = [value as object];
  while (stack.length > 0) {
    const o = stack.pop() as object;
    if (deeplyFrozen.has(o)) continue;
    Object.freeze(o);
    deeplyFrozen.add(o);
    for (const key of Object.keys(o)) {
      const child = (o as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return value;
}

/** True when `value` was frozen by deepFreeze (so every nested object is frozen too). */
export function isDeepFrozen(value: unknown): boolean {
  return value !== null && typeof value === 'object' && deeplyFrozen.has(value);
}

/**
 * A mutable deep copy of a (possibly frozen) API object. Objects are plain JSON data, so a JSON
 * round trip is exact for them.
 */
export function deepCopy<T>(value: T): T {
  if (value === undefined) return value;
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * What the cache stores: a deep-frozen copy that nobody else holds a mutable reference to.
 * Already deep-frozen values are shared as they are.
 */
export function frozenCopy<T>(value: T): T {
  if (isDeepFrozen(value)) return value;
  return deepFreeze(deepCopy(value));
}
