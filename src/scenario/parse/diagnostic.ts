/**
 * Problems in a scenario the user can fix: syntax errors, bad directives, includes that cannot
 * be read. Each names its place as `file:line:column` (or only `file` when the whole file is
 * the problem) and says what was expected.
 */
import type { Loc } from "../ast.js";

/** A whole file, when no position inside it is to blame (the file is missing). */
export interface FilePlace {
  readonly file: string;
}

export interface Diagnostic {
  readonly loc: Loc | FilePlace;
  readonly message: string;
}

export function hasPosition(place: Loc | FilePlace): place is Loc {
  return "line" in place;
}

/** `x.c:3:16` or `x.c`. */
export function formatPlace(place: Loc | FilePlace): string {
  return hasPosition(place) ? `${place.file}:${place.line}:${place.column}` : place.file;
}

/**
 * The message, then (given the file's text) its source line and a caret under the column, as
 * compilers print them. Tabs before the column are kept so the caret lines up in a terminal.
 */
export function formatDiagnostic(diagnostic: Diagnostic, source?: string): string {
  const head = `${formatPlace(diagnostic.loc)}: ${diagnostic.message}`;
  const place = diagnostic.loc;
  if (source === undefined || !hasPosition(place)) return head;
  const line = source.split("\n")[place.line - 1];
  if (line === undefined) return head;
  const text = line.replace(/\r$/, "");
  const gutter = String(place.line);
  const prefix = text.slice(0, Math.max(0, place.column - 1)).replace(/[^\t]/g, " ");
  return [
    head,
    ` ${gutter} | ${text}`,
    ` ${" ".repeat(gutter.length)} | ${prefix}^`,
  ].join("\n");
}
