/**
 * resource.Quantity as a number, for comparisons (requests ≤ limits, capacity checks) — like
 * apimachinery's pkg/api/resource ParseQuantity, without its exact fixed-point arithmetic:
 * values are JavaScript numbers in base units (cores, bytes). Good to ~15 significant digits,
 * which is plenty for comparing resource amounts.
 *
 * Syntax: <signed number><suffix>, suffix one of the binary SI (Ki Mi Gi Ti Pi Ei), decimal SI
 * (n u m '' k M G T P E) or a decimal exponent (e3, E-2). `1.5Gi`, `250m`, `1e3`.
 */
const SUFFIX: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** The value of a quantity in base units, or undefined when it does not parse. Numbers pass through. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  return base * (SUFFIX[m[3] ?? ''] as number);
}

/** Upstream's parse error text: `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`. */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
