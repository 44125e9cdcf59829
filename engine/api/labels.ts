/**
 * Label selectors, as apimachinery's pkg/labels (selector.go) and metav1's LabelSelectorAsSelector.
 *
 * Two ways in:
 * - parseLabelSelector('a=b,c!=d,e in (x,y),f notin (z),g,!h') — the string form of `?labelSelector=`
 *   and `kubectl -l`. The empty string parses to a selector that matches everything.
 * - labelSelectorAsSelector({ matchLabels, matchExpressions }) — the object form in specs.
 *   An ABSENT selector (undefined/null) matches NOTHING (upstream: a nil LabelSelector selects no
 *   objects); an EMPTY one (`{}`) matches EVERYTHING. Workload controllers rely on this difference.
 *
 * Parse errors are expected outcomes: tryParseLabelSelector returns them as values, and
 * parseLabelSelector throws a StatusError 400 BadRequest with upstream's text
 * (`unable to parse requirement: found '', expected: identifier`), which the apiserver passes on.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { newBadRequest } from './errors.ts';
import { fieldErrorString, fieldErrors, FieldPath, type FieldError } from './field-errors.ts';
import { isQualifiedName, isValidLabelValue } from './validation/names.ts';

/** selection.Operator values as upstream spells them. */
export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export type Labels = Readonly<Record<string, string>>;

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** Sorted for In/NotIn after parsing; one value for the exact-match operators; none for exists/!. */
  readonly values: readonly string[];
}

export interface Selector {
  /** True when every requirement holds for `labels` (absent labels = no labels). */
  matches(labels: Labels | undefined | null): boolean;
  /** True when the selector does not restrict anything (matches everything). */
  empty(): boolean;
  /** Canonical string form: requirements sorted by key, `a=b,c in (x,y),!d`. Nothing → ''. */
  toString(): string;
  /** The requirements; null for the selector that matches nothing. */
  requirements(): readonly Requirement[] | null;
  /** The value a selector needs for `key` when it pins it to exactly one value (=, ==, in with one value). */
  requiresExactMatch(key: string): string | undefined;
}

const has = (labels: Labels | undefined | null, key: string): labels is Labels => !!labels && Object.prototype.hasOwnProperty.call(labels, key);

function requirementMatches(r: Requirement, labels: Labels | undefined | null): boolean {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has(labels, r.key) && r.values.includes(labels[r.key] as string);
    case 'notin':
    case '!=':
      return !has(labels, r.key) || !r.values.includes(labels[r.key] as string);
    case 'exists':
      return has(labels, r.key);
    case '!':
      return !has(labels, r.key);
    case 'gt':
    case 'lt': {
      if (!has(labels, r.key) || r.values.length !== 1) return false;
      const lv = parseInt64(labels[r.key] as string);
      const rv = parseInt64(r.values[0] as string);
      if (lv === undefined || rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v >= -(2n ** 63n) && v < 2n ** 63n ? v : undefined;
}

function requirementString(r: Requirement): string {
  const vals = [...r.values].sort();
  switch (r.operator) {
    case '!':
      return `!${r.key}`;
    case 'exists':
      return r.key;
    case 'in':
      return `${r.key} in (${vals.join(',')})`;
    case 'notin':
      return `${r.key} notin (${vals.join(',')})`;
    case 'gt':
      return `${r.key}>${vals.join(',')}`;
    case 'lt':
      return `${r.key}<${vals.join(',')}`;
    default:
      return `${r.key}${r.operator}${vals.join(',')}`;
  }
}

class RequirementsSelector implements Selector {
  private readonly reqs: readonly Requirement[];
  constructor(reqs: readonly Requirement[]) {
    // Sorted by key (stable) so the string form is deterministic, like upstream's ByKey sort.
    this.reqs = [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  matches(labels: Labels | undefined | null): boolean {
    return this.reqs.every((r) => requirementMatches(r, labels));
  }
  empty(): boolean {
    return this.reqs.length === 0;
  }
  toString(): string {
    return this.reqs.map(requirementString).join(',');
  }
  requirements(): readonly Requirement[] {
    return this.reqs;
  }
  requiresExactMatch(key: string): string | undefined {
    const r = this.reqs.find((x) => x.key === key);
    if (!r) return undefined;
    return (r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1 ? r.values[0] : undefined;
  }
}

const NOTHING: Selector = {
  matches: () => false,
  empty: () => false,
  toString: () => '',
  requirements: () => null,
  requiresExactMatch: () => undefined,
};
const EVERYTHING: Selector = new RequirementsSelector([]);

/** labels.Everything() */
export const everything = (): Selector => EVERYTHING;
/** labels.Nothing() */
export const nothing = (): Selector => NOTHING;

/** labels.SelectorFromSet: `a=b,...`; an empty or absent set matches everything. No validation. */
export function selectorFromSet(set: Labels | undefined | null): Selector {
  if (!set) return EVERYTHING;
  return new RequirementsSelector(Object.entries(set).map(([key, v]) => ({ key, operator: '=' as const, values: [v] })));
}

/**
 * labels.NewRequirement: validates key (qualified name), value count per operator and each value
 * (label value). Returns field errors under `path` (upstream prints a nil path as `<nil>`).
 */
export function newRequirement(key: string, operator: Operator, values: string[], path?: FieldPath): { requirement: Requirement; errors: FieldError[] } {
  const errs: FieldError[] = [];
  const keyPath = path ? path.child('key') : 'key';
  for (const m of isQualifiedName(key)) errs.push(fieldErrors.invalid(keyPath, key, m));
  const vp = path ? path.child('values') : FieldPath.root('values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(fieldErrors.invalid(vp, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(fieldErrors.invalid(vp, values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(fieldErrors.invalid(vp, values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(fieldErrors.invalid(vp, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(fieldErrors.invalid(vp.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(fieldErrors.notSupported(path ? path.child('operator') : 'operator', operator, ['in', 'notin', '=', '==', '!=', 'gt', 'lt', 'exists', '!']));
  }
  values.forEach((v, i) => {
    for (const m of isValidLabelValue(v)) errs.push(fieldErrors.invalid(vp.index(i).key(key), v, m));
  });
  return { requirement: { key, operator, values: [...values] }, errors: errs };
}

/** utilerrors.Aggregate's text: one error as is, several in brackets. */
function aggregate(errs: FieldError[]): string {
  const msgs = errs.map((e) => fieldErrorString({ ...e, field: e.field || '<nil>' }));
  return msgs.length === 1 ? (msgs[0] as string) : `[${msgs.join(', ')}]`;
}

// ---- the string parser: a lexer and a recursive-descent parser over upstream's grammar ----

type Tok = 'id' | 'eos' | '(' | ')' | ',' | '!' | '==' | '=' | '>' | '<' | '!=' | 'in' | 'notin';
interface Item {
  tok: Tok;
  lit: string;
}

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

function lex(s: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && WHITESPACE.has(s[i] as string)) i++;
    if (i >= s.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    const ch = s[i] as string;
    if (SPECIAL.has(ch)) {
      // Longest operator first: `!=` and `==` are two characters, all others one.
      const two = s.slice(i, i + 2);
      if (two === '!=' || two === '==') {
        items.push({ tok: two, lit: two });
        i += 2;
      } else {
        items.push({ tok: ch as Tok, lit: ch });
        i += 1;
      }
      continue;
    }
    let j = i;
    while (j < s.length && !SPECIAL.has(s[j] as string) && !WHITESPACE.has(s[j] as string)) j++;
    const word = s.slice(i, j);
    items.push({ tok: word === 'in' || word === 'notin' ? word : 'id', lit: word });
    i = j;
  }
}

class ParseError extends Error {}

class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  /** In a values context the keywords `in`/`notin` are plain identifiers (`x in (in)`). */
  private peek(values: boolean): Item {
    const it = this.items[Math.min(this.pos, this.items.length - 1)] as Item;
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }
  private next(values: boolean): Item {
    const it = this.peek(values);
    if (this.pos < this.items.length - 1) this.pos++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek(true);
      if (tok === 'eos') return reqs;
      if (tok !== 'id' && tok !== '!') throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      let r: Requirement;
      try {
        r = this.requirement();
      } catch (e) {
        if (e instanceof ParseError) throw new ParseError(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      reqs.push(r);
      const t = this.next(true);
      if (t.tok === 'eos') return reqs;
      if (t.tok !== ',') throw new ParseError(`found '${t.lit}', expected: ',' or 'end of string'`);
      const t2 = this.peek(true);
      if (t2.tok !== 'id' && t2.tok !== '!') throw new ParseError(`found '${t2.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let op: Operator | undefined;
    let t = this.next(true);
    if (t.tok === '!') {
      op = '!';
      t = this.next(true);
    }
    if (t.tok !== 'id') throw new ParseError(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) throw new ParseError(aggregate([fieldErrors.invalid('', key, keyErrs.join('; '))]));
    const la = this.peek(true).tok;
    if (la === 'eos' || la === ',') op = op ?? 'exists';
    let values: string[] = [];
    if (op !== 'exists' && op !== '!') {
      op = this.operator();
      values = op === 'in' || op === 'notin' ? this.valueSet() : this.exactValue();
    }
    const { requirement, errors } = newRequirement(key, op, [...new Set(values)].sort());
    if (errors.length) throw new ParseError(aggregate(errors));
    return requirement;
  }

  private operator(): Operator {
    const { tok, lit } = this.next(false);
    switch (tok) {
      case 'in':
        return 'in';
      case 'notin':
        return 'notin';
      case '=':
        return '=';
      case '==':
        return '==';
      case '!=':
        return '!=';
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        throw new ParseError(`found '${lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  private valueSet(): string[] {
    const open = this.next(true);
    if (open.tok !== '(') throw new ParseError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.peek(true);
    if (tok === ')') {
      this.next(true);
      return [''];
    }
    if (tok !== 'id' && tok !== ',') throw new ParseError(`found '${lit}', expected: ',', ')' or identifier`);
    const vals = this.identifierList();
    if (this.next(true).tok !== ')') throw new ParseError(`found '${lit}', expected: ')'`);
    return vals;
  }

  /** A possibly empty, comma-separated list of possibly empty identifiers: `(a,,b)`, `(,)`. */
  private identifierList(): string[] {
    const vals: string[] = [];
    for (;;) {
      const { tok, lit } = this.next(true);
      if (tok === 'id') {
        vals.push(lit);
        const n = this.peek(true);
        if (n.tok === ',') continue;
        if (n.tok === ')') return vals;
        throw new ParseError(`found '${n.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (vals.length === 0) vals.push('');
        const n = this.peek(true);
        if (n.tok === ')') {
          vals.push('');
          return vals;
        }
        if (n.tok === ',') {
          this.next(true);
          vals.push('');
        }
      } else {
        throw new ParseError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): string[] {
    const la = this.peek(true).tok;
    if (la === 'eos' || la === ',') return [''];
    const { tok, lit } = this.next(true);
    if (tok === 'id') return [lit];
    throw new ParseError(`found '${lit}', expected: identifier`);
  }
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** labels.Parse, returning the error text as a value. */
export function tryParseLabelSelector(s: string): ParseResult<Selector> {
  try {
    return { ok: true, value: new RequirementsSelector(new Parser(lex(s)).parse()) };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}

/** labels.Parse; a malformed selector throws StatusError 400 BadRequest with upstream's message. */
export function parseLabelSelector(s: string): Selector {
  const r = tryParseLabelSelector(s);
  if (!r.ok) throw newBadRequest(r.error);
  return r.value;
}

const OPERATOR_OF: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector as a value: absent → nothing(), no terms → everything(),
 * else the AND of matchLabels (=) and matchExpressions. Invalid terms give `error` (upstream's
 * `"Foo" is not a valid label selector operator` or the requirement's field errors).
 */
export function tryLabelSelectorAsSelector(ls: LabelSelector | undefined | null): ParseResult<Selector> {
  if (ls === undefined || ls === null) return { ok: true, value: NOTHING };
  const ml = ls.matchLabels ?? {};
  const me = ls.matchExpressions ?? [];
  if (Object.keys(ml).length + me.length === 0) return { ok: true, value: EVERYTHING };
  const reqs: Requirement[] = [];
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(ml)) {
    const r = newRequirement(k, '=', [v]);
    reqs.push(r.requirement);
    errs.push(...r.errors);
  }
  for (const expr of me) {
    const op = OPERATOR_OF[expr.operator];
    if (!op) return { ok: false, error: `${JSON.stringify(expr.operator)} is not a valid label selector operator` };
    const r = newRequirement(expr.key, op, [...(expr.values ?? [])]);
    reqs.push(r.requirement);
    errs.push(...r.errors);
  }
  if (errs.length) return { ok: false, error: aggregate(errs) };
  return { ok: true, value: new RequirementsSelector(reqs) };
}

/** metav1.LabelSelectorAsSelector; an invalid selector throws StatusError 400 BadRequest. */
export function labelSelectorAsSelector(ls: LabelSelector | undefined | null): Selector {
  const r = tryLabelSelectorAsSelector(ls);
  if (!r.ok) throw newBadRequest(r.error);
  return r.value;
}

/** metav1.FormatLabelSelector: the string kubectl shows (`<none>` for an empty one, `<error>` if invalid). */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  const r = tryLabelSelectorAsSelector(ls);
  if (!r.ok) return '<error>';
  const s = r.value.toString();
  return s === '' ? '<none>' : s;
}
