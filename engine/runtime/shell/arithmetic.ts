/**
 * `$(( expression ))`: POSIX shell arithmetic (XCU 2.6.4) on integers — numbers, variables
 * (with or without `$`), unary `- + !`, `* / %`, `+ -`, comparisons, `== !=`, `&& ||`,
 * parentheses. Division truncates toward zero, like C. Unset or empty variables count as 0.
 */
import { ShellSyntaxError } from './lexer.ts';

export function evaluateArithmetic(expr: string, lookup: (name: string) => string | undefined): number {
  const tokens = expr.match(/\d+|\$?[A-Za-z_][A-Za-z0-9_]*|&&|\|\||==|!=|<=|>=|[-+*/%()<>!]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];

  const value = (name: string): number => {
    const raw = lookup(name.replace(/^\$/, '')) ?? '';
    if (raw.trim() === '') return 0;
    const n = Number.parseInt(raw, 10);
    if (Number.isNaN(n)) throw new ShellSyntaxError(`arithmetic syntax error`);
    return n;
  };

  const primary = (): number => {
    const t = next();
    if (t === undefined) throw new ShellSyntaxError('arithmetic syntax error');
    if (t === '(') {
      const v = or();
      if (next() !== ')') throw new ShellSyntaxError('arithmetic syntax error');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() === 0 ? 1 : 0;
    if (/^\d+$/.test(t)) return Number(t);
    if (/^\$?[A-Za-z_]/.test(t)) return value(t);
    throw new ShellSyntaxError('arithmetic syntax error');
  };
  const binary = (ops: string[], operand: () => number, apply: (op: string, a: number, b: number) => number) => (): number => {
    let v = operand();
    while (ops.includes(peek() as string)) {
      const op = next() as string;
      v = apply(op, v, operand());
    }
    return v;
  };
  const mul = binary(['*', '/', '%'], primary, (op, a, b) => {
    if ((op === '/' || op === '%') && b === 0) throw new ShellSyntaxError('divide by zero');
    return op === '*' ? a * b : op === '/' ? Math.trunc(a / b) : a % b;
  });
  const add = binary(['+', '-'], mul, (op, a, b) => (op === '+' ? a + b : a - b));
  const cmp = binary(['<', '>', '<=', '>='], add, (op, a, b) =>
    Number(op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b),
  );
  const eq = binary(['==', '!='], cmp, (op, a, b) => Number(op === '==' ? a === b : a !== b));
  const and = binary(['&&'], eq, (_, a, b) => Number(a !== 0 && b !== 0));
  const or = binary(['||'], and, (_, a, b) => Number(a !== 0 || b !== 0));

  const result = or();
  if (i < tokens.length) throw new ShellSyntaxError('arithmetic syntax error');
  return result;
}
