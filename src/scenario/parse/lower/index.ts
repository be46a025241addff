/**
 * Lowering: a tree-sitter tree of preprocessed C → our AST ({@link TopLevelItem}s), plus the
 * syntax errors that are not kernel idioms.
 */
import type { Node, Parser, Point } from "web-tree-sitter";
import type { Expression, Loc, Statement, TopLevelItem } from "../../ast.js";
import { withTree } from "../c-parser.js";
import type { Diagnostic } from "../diagnostic.js";
import { lineIndex } from "../line-index.js";
import type { RawAnnotation } from "../preprocess/index.js";
import { namedChildren, type LowerContext } from "./context.js";
import { lowerExpression } from "./expressions.js";
import { lowerItems } from "./items.js";
import { lowerStatementList } from "./statements.js";
import { syntaxErrors } from "./syntax-errors.js";

export interface LoweredFile {
  readonly items: readonly TopLevelItem[];
  readonly diagnostics: readonly Diagnostic[];
}

export function lowerFile(
  parser: Parser,
  file: string,
  code: string,
  annotations: readonly RawAnnotation[],
  locAt: (offset: number) => Loc,
): LoweredFile {
  return withTree(parser, code, (tree) => {
    const ctx = context(parser, file, code, { row: 0, column: 0 }, locAt, 0);
    const items = lowerItems(ctx, tree.rootNode, annotations);
    return { items, diagnostics: [...ctx.diagnostics, ...syntaxErrors(ctx, tree.rootNode)] };
  });
}

/**
 * Parses `text` as one expression that sits at `origin` (0-based line and column) of `file`:
 * a macro's replacement, a definition macro read as a declaration. Null when it is not exactly
 * one expression without syntax errors.
 */
export function parseExpressionAt(parser: Parser, file: string, text: string, origin: Point, depth = 0): Expression | null {
  // Parenthesized, so `NAME(struct obj, x)` cannot be read as a declaration.
  return withSnippet(parser, file, ["(", text, "\n);"], origin, depth, (ctx, root) => {
    const statements = namedChildren(root);
    const only: Node | undefined = statements.length === 1 ? statements[0] : undefined;
    const parenthesized = only?.type === "expression_statement" ? namedChildren(only)[0] : undefined;
    const expression = parenthesized?.type === "parenthesized_expression" ? namedChildren(parenthesized)[0] : undefined;
    if (expression === undefined || expression.type === "compound_statement") return null;
    const lowered = lowerExpression(ctx, expression);
    return syntaxErrors(ctx, root).length === 0 ? lowered : null;
  });
}

/** Parses `text` as the statements of a block, placed at `origin` of `file`, with their syntax errors. */
export function parseStatementsAt(parser: Parser, file: string, text: string, origin: Point, depth: number): StatementsAt {
  return withSnippet(parser, file, ["{", text, "\n}"], origin, depth, (ctx, root) => {
    const block = namedChildren(root)[0];
    const statements = block?.type === "compound_statement" ? lowerStatementList(ctx, namedChildren(block)) : [];
    return { statements, diagnostics: [...ctx.diagnostics, ...syntaxErrors(ctx, root)] };
  });
}

export interface StatementsAt {
  readonly statements: readonly Statement[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses `text` wrapped in one opening and one closing string; places come out as those of
 * `text` at `origin` (the opening is compensated by starting as many columns to the left).
 */
function withSnippet<T>(
  parser: Parser,
  file: string,
  [open, text, close]: readonly [string, string, string],
  origin: Point,
  depth: number,
  use: (ctx: LowerContext, root: Node) => T,
): T {
  const code = `${open}${text}${close}`;
  return withTree(parser, code, (tree) => {
    const shifted = { row: origin.row, column: origin.column - open.length };
    const index = lineIndex(file, code);
    const locAt = (offset: number): Loc => {
      const loc = index.locAt(offset);
      return { file, line: loc.line + shifted.row, column: loc.column + (loc.line === 1 ? shifted.column : 0) };
    };
    return use(context(parser, file, code, shifted, locAt, depth), tree.rootNode);
  });
}

function context(parser: Parser, file: string, code: string, origin: Point, locAt: (offset: number) => Loc, depth: number): LowerContext {
  const originOf = (offset: number): Point => {
    const loc = locAt(offset);
    return { row: loc.line - 1, column: loc.column - 1 };
  };
  return {
    file,
    origin,
    code,
    locAt,
    diagnostics: [],
    accepted: [],
    macroBodies: new Map(),
    depth,
    reparse: (text, offset) => parseExpressionAt(parser, file, text, originOf(offset), depth),
    reparseStatements: (text, offset) => parseStatementsAt(parser, file, text, originOf(offset), depth + 1),
  };
}
