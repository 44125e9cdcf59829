/**
 * The selection predicate of a list or watch (upstream: storage.SelectionPredicate): a label
 * selector over metadata.labels AND a field selector over the kind's selectable fields.
 * Malformed selectors are 400 BadRequest with upstream's text.
 */
import { newBadRequest } from '../../api/errors.ts';
import type { KubeObject } from '../../api/object.ts';
import { fieldsOf, tryParseFieldSelector, tryParseLabelSelector, type FieldSelector, type Selector } from '../../api/index.ts';
import type { ListOptions } from '../types.ts';
import type { Request } from './context.ts';

export interface Predicate {
  readonly label: Selector;
  readonly field: FieldSelector;
  /** True when nothing is filtered out. */
  readonly empty: boolean;
  matches(obj: KubeObject): boolean;
}

/**
 * The selectable fields of shared (frozen) watch objects, computed once per object rather than
 * once per watcher: with a kubelet per node, every pod event meets one field selector per node.
 */
const frozenFields = new WeakMap<object, Record<string, string>>();

function selectableFields(obj: KubeObject): Record<string, string> {
  if (!Object.isFrozen(obj)) return fieldsOf(obj);
  let f = frozenFields.get(obj);
  if (!f) frozenFields.set(obj, (f = fieldsOf(obj)));
  return f;
}

/** The value of one selectable field of `obj` (cached for shared frozen objects). */
export function selectableField(obj: KubeObject, field: string): string | undefined {
  return selectableFields(obj)[field];
}

export function predicateFor(req: Request, options: Pick<ListOptions, 'labelSelector' | 'fieldSelector'>): Predicate {
  const l = tryParseLabelSelector(options.labelSelector ?? '');
  if (!l.ok) throw newBadRequest(l.error);
  const f = tryParseFieldSelector(options.fieldSelector ?? '', req.info.kind);
  if (!f.ok) throw newBadRequest(f.error);
  const label = l.value;
  const field = f.value;
  const labelEmpty = label.empty();
  const fieldEmpty = field.empty();
  return {
    label,
    field,
    empty: labelEmpty && fieldEmpty,
    matches(obj: KubeObject): boolean {
      if (!labelEmpty && !label.matches(obj.metadata?.labels)) return false;
      if (!fieldEmpty && !field.matches(selectableFields(obj))) return false;
      return true;
    },
  };
}
