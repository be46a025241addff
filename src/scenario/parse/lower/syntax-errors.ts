/**
 * tree-sitter's ERROR and MISSING nodes → messages that say what was expected, except where
 * lowering accepted them as a kernel idiom. Cascades are cut: one message per ERROR node, at
 * most {@link MAX_SYNTAX_ERRORS} per file.
 */
import type { Node } from "web-tree-sitter";
import { formatPlace, type Diagnostic } from "../diagnostic.js";
import { locOf, locOfPoint, type LowerContext } from "./context.js";

export const MAX_SYNTAX_ERRORS = 20;

const CLOSERS: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };
const OPENERS: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{" };

/** Human names of named tokens tree-sitter may report MISSING. */
const TOKEN_NAMES: Readonly<Record<string, string>> = {
  identifier: "an identifier",
  field_identifier: "a field name",
  type_identifier: "a type name",
  statement_identifier: "a label",
  primitive_type: "a type",
};

export function syntaxErrors(ctx: LowerContext, root: Node): Diagnostic[] {
  const found: Diagnostic[] = [];
  const seen = new Set<string>();
  // Accepted ranges are node ranges, so walking down from the root meets each one exactly.
  const accepted = new Set(ctx.accepted.map(([start, end]) => `${start}:${end}`));
  const visit = (node: Node): void => {
    if (accepted.has(`${node.startIndex}:${node.endIndex}`)) return;
    if (node.isMissing || node.isError) {
      const diagnostic = node.isMissing ? missing(ctx, node) : unexpected(ctx, node, root);
      const key = `${formatPlace(diagnostic.loc)}:${diagnostic.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        found.push(diagnostic);
      }
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) visit(child);
  };
  if (root.hasError) visit(root);
  if (found.length <= MAX_SYNTAX_ERRORS) return found;
  const more = { loc: { file: ctx.file }, message: `${found.length - MAX_SYNTAX_ERRORS} more syntax errors not shown` };
  return [...found.slice(0, MAX_SYNTAX_ERRORS), more];
}

function missing(ctx: LowerContext, node: Node): Diagnostic {
  const what = node.isNamed ? (TOKEN_NAMES[node.type] ?? `a ${node.type.replace(/_/g, " ")}`) : `'${node.type}'`;
  return { loc: locOf(ctx, node), message: `expected ${what}` };
}

function leaves(node: Node): Node[] {
  if (node.childCount === 0) return [node];
  return node.children.flatMap(leaves);
}

/**
 * An ERROR node. If it leaves a bracket open, the bracket is what was expected (the usual case:
 * `kmalloc(size, GFP_KERNEL` with the `)` forgotten); otherwise its first token was unexpected.
 */
function unexpected(ctx: LowerContext, node: Node, root: Node): Diagnostic {
  const tokens = leaves(node).filter((leaf) => leaf.endIndex > leaf.startIndex);
  const open: Node[] = [];
  for (const token of tokens) {
    if (CLOSERS[token.type] !== undefined) open.push(token);
    else if (OPENERS[token.type] !== undefined && open.at(-1)?.type === OPENERS[token.type]) open.pop();
  }
  const unclosed = open.at(-1);
  if (unclosed !== undefined) {
    const opener = locOf(ctx, unclosed);
    const atEnd = node.endIndex >= root.endIndex || ctx.code.slice(node.endIndex).trim() === "";
    return {
      loc: locOfPoint(ctx, node.endPosition),
      message: `expected '${CLOSERS[unclosed.type]}'${atEnd ? " at end of file" : ""} to close '${unclosed.type}' at ${opener.line}:${opener.column}`,
    };
  }
  const first = tokens[0];
  if (first === undefined) return { loc: locOf(ctx, node), message: "syntax error" };
  const text = ctx.code.slice(first.startIndex, first.endIndex);
  const what = /^[A-Za-z_]\w*$/.test(text) && first.type !== text ? `identifier '${text}'` : `'${text}'`;
  return { loc: locOf(ctx, first), message: `unexpected ${what}` };
}
