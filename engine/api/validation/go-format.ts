/**
 * Go's %#v rendering of the few values upstream validation messages print verbatim, so tinykube's
 * 422 texts read exactly like the real apiserver's:
 *   map[string]string{"app":"x", "tier":"web"}       (keys sorted, as fmt sorts map keys)
 *   intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}
 *   &v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}
 */
import { GoLiteral } from '../field-errors.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's %q for a string (JSON's escaping is close enough for the printable ASCII in names). */
export const goQuote = (s: string): string => JSON.stringify(s);

/** `map[string]string{"a":"b"}`; absent → `map[string]string(nil)`. */
export function goStringMap(m: unknown): string {
  if (!isRecord(m)) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`;
}

export function goStringMapValue(m: unknown): GoLiteral {
  return new GoLiteral(goStringMap(m));
}

/** `intstr.IntOrString{Type:0, IntVal:5, StrVal:""}` for 5, `{Type:1, IntVal:0, StrVal:"25%"}` for "25%". */
export function goIntOrString(v: unknown): GoLiteral {
  if (typeof v === 'string') return new GoLiteral(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  const n = typeof v === 'number' ? v : 0;
  return new GoLiteral(`intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`);
}

/** `&v1.LabelSelector{MatchLabels:..., MatchExpressions:[]v1.LabelSelectorRequirement{...}}`; absent → `(*v1.LabelSelector)(nil)`. */
export function goLabelSelector(sel: unknown): GoLiteral {
  if (!isRecord(sel)) return new GoLiteral('(*v1.LabelSelector)(nil)');
  const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions : undefined;
  const exprText = exprs
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((e: unknown) => {
          const r = isRecord(e) ? e : {};
          const vals = Array.isArray(r.values) ? `[]string{${r.values.map((x: unknown) => goQuote(String(x))).join(', ')}}` : '[]string(nil)';
          return `v1.LabelSelectorRequirement{Key:${goQuote(String(r.key ?? ''))}, Operator:${goQuote(String(r.operator ?? ''))}, Values:${vals}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoLiteral(`&v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`);
}
