export { Shell, type Applet, type ShellIO } from './interpreter.ts';
export { parseScript, type Command, type List } from './parser.ts';
export { tokenize, ShellSyntaxError, type Token } from './lexer.ts';
export { evaluateArithmetic } from './arithmetic.ts';
export { BUSYBOX_APPLETS, runShellCommand, formatDate, parseSleep } from './applets.ts';
