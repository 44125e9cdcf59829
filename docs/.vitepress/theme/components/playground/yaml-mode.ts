/**
 * YAML highlighting for the playground's editor. @vue/repl's CodeMirror 5 knows JavaScript, CSS and
 * HTML only, and shows any other file as JavaScript — `#` comments and `key:` lines come out as
 * errors. This mode is enough for manifests: comments, document markers, keys, list dashes,
 * strings, numbers, booleans and null, block scalar indicators.
 */
interface Stream {
  sol(): boolean;
  eatSpace(): boolean;
  match(re: RegExp): unknown;
  skipToEnd(): void;
  next(): string | undefined;
  peek(): string | undefined;
  string: string;
  pos: number;
}

interface CodeMirrorStatic {
  defineMode(name: string, factory: () => { token(stream: Stream): string | null }): void;
  modes: Record<string, unknown>;
}

export interface CodeMirrorEditor {
  constructor: unknown;
  getOption(name: string): unknown;
  setOption(name: string, value: unknown): void;
}

export const YAML_MODE = 'tinykube-yaml';

function token(stream: Stream): string | null {
  if (stream.sol() && stream.match(/^(---|\.\.\.)(\s|$)/)) return 'def';
  if (stream.eatSpace()) return null;
  const prev = stream.pos === 0 ? ' ' : stream.string.charAt(stream.pos - 1);
  if (stream.peek() === '#' && /\s/.test(prev)) {
    stream.skipToEnd();
    return 'comment';
  }
  if (stream.match(/^-(?=\s|$)/)) return 'meta';
  if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^']|'')*'?/)) return 'string';
  if (stream.match(/^[^\s#:,[\]{}"'][^#:,[\]{}]*?(?=\s*:(\s|$))/)) return 'property';
  if (stream.match(/^[|>][-+]?\s*$/)) return 'meta';
  if (stream.match(/^(true|false|null|~)(?=[\s,\]}]|$)/)) return 'atom';
  if (stream.match(/^[-+]?(0o?[0-7]+|0x[0-9a-fA-F]+|\d+(\.\d+)?([eE][-+]?\d+)?)(?=[\s,\]}]|$)/)) return 'number';
  if (stream.match(/^[:,[\]{}]/)) return null;
  if (stream.match(/^[^\s#,[\]{}]+/)) return 'string';
  stream.next();
  return null;
}

/** Registers the mode once on the editor's CodeMirror and switches the editor to it. */
export function useYamlMode(editor: CodeMirrorEditor): void {
  const cm = editor.constructor as CodeMirrorStatic;
  if (!cm.modes[YAML_MODE]) cm.defineMode(YAML_MODE, () => ({ token }));
  if (editor.getOption('mode') !== YAML_MODE) editor.setOption('mode', YAML_MODE);
}
