/**
 * What lowering one tree-sitter tree needs: where nodes are, their text, the places where a
 * tree-sitter error is a kernel idiom we accept, and a way to re-parse a snippet in place.
 */
import type { Node, Point } from "web-tree-sitter";
import type { Expression, Loc, Statement } from "../../ast.js";
import type { Diagnostic } from "../diagnostic.js";

export interface LowerContext {
  readonly file: string;
  /**
   * Where `code` starts in the file (0-based line, column): zero for a file, the snippet's place
   * when a macro's text is re-parsed on its own.
   */
  readonly origin: Point;
  /** The preprocessed text the tree was parsed from. */
  readonly code: string;
  readonly diagnostics: Diagnostic[];
  /** The place of an offset in `code`. */
  readonly locAt: (offset: number) => Loc;
  /**
   * Ranges `[start, end]` in which ERROR and MISSING nodes are known kernel idioms (a loop
   * macro's "missing" `;`, a type passed to `container_of`), not syntax errors.
   */
  readonly accepted: Array<readonly [number, number]>;
  /** expression_statement node id → the statement that is the body of its loop macro. */
  readonly macroBodies: Map<number, Node>;
  /** Parses `text` as one expression placed at `offset` of this file; null if it does not parse. */
  readonly reparse: (text: string, offset: number) => Expression | null;
  /** How many statement re-parses enclose this tree (each brace-less loop header adds one). */
  readonly depth: number;
  /** Parses `text` as the statements of a block placed at `offset` of this file. */
  readonly reparseStatements: (text: string, offset: number) => { readonly statements: readonly Statement[]; readonly diagnostics: readonly Diagnostic[] };
}

export function locOf(ctx: LowerContext, node: Node): Loc {
  return locOfPoint(ctx, node.startPosition);
}

export function locOfPoint(ctx: LowerContext, { row, column }: Point): Loc {
  const { origin } = ctx;
  return { file: ctx.file, line: origin.row + row + 1, column: (row === 0 ? origin.column : 0) + column + 1 };
}

/** Raw source text of a node (comments and directives already blanked). */
export function rawText(ctx: LowerContext, node: Node): string {
  return ctx.code.slice(node.startIndex, node.endIndex);
}

/** Source text with white space runs collapsed: what expressions keep as `text`. */
export function textOf(ctx: LowerContext, node: Node): string {
  return normalizeSpace(rawText(ctx, node));
}

export function normalizeSpace(text: string): string {
  // Most expression texts are already normal; testing first saves building a copy of each.
  return /\s\s|[^\S ]|^\s|\s$/.test(text) ? text.replace(/\s+/g, " ").trim() : text;
}

export function accept(ctx: LowerContext, node: Node): void {
  ctx.accepted.push([node.startIndex, node.endIndex]);
}

export function field(node: Node, name: string): Node | null {
  return node.childForFieldName(name);
}

export function namedChildren(node: Node): Node[] {
  return node.namedChildren;
}

export function children(node: Node): Node[] {
  return node.children;
}
