/**
 * Loop guards for the learner's part code in the playground. The engine runs in the page's own
 * thread (the preview iframe is same-origin), so a `while (true)` in a score plugin would freeze
 * the tab for good. Every loop gets a clock check instead: once a loop has run for LOOP_LIMIT_MS
 * it throws, the component that called the part records the error (the dashboard lists it under
 * "Component errors") and the cluster goes on — as the grader's time limit does for `npm run grade`.
 *
 * The code is parsed (Babel, through vue/compiler-sfc, which @vue/repl already loads), so loops in
 * strings or comments are left alone. Recursion needs no guard: it ends in a RangeError.
 */
import { babelParse, MagicString, walk } from 'vue/compiler-sfc';

export const LOOP_LIMIT_MS = 1000;

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

interface Node { type: string; start: number; end: number; body?: Node }

export function guardLoops(code: string, label: string): string {
  const ast = babelParse(code, { sourceType: 'module' });
  const s = new MagicString(code);
  let n = 0;
  const message = JSON.stringify(`${label}: a loop ran for more than ${LOOP_LIMIT_MS / 1000} s (an infinite loop?)`);
  walk(ast.program as never, {
    enter(raw: unknown, parentRaw: unknown) {
      const node = raw as Node;
      if (!LOOPS.has(node.type) || !node.body) return;
      const parent = parentRaw as Node | null;
      const started = `__tkLoop${n++}`;
      // A labelled loop keeps its label: the block goes around `label: loop`, so `continue label` stays valid.
      const outer = parent?.type === 'LabeledStatement' ? parent : node;
      s.prependLeft(outer.start, `{ const ${started} = Date.now(); `);
      s.appendRight(outer.end, ' }');
      const check = `if (Date.now() - ${started} > ${LOOP_LIMIT_MS}) throw new RangeError(${message}); `;
      const body = node.body;
      if (body.type === 'BlockStatement') {
        s.appendLeft(body.start + 1, ` ${check}`);
      } else {
        s.prependLeft(body.start, `{ ${check}`);
        s.appendRight(body.end, ' }');
      }
    },
  });
  return s.toString();
}
