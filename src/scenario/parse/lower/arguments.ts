/**
 * Call arguments, including the types that kernel macros take as arguments:
 * `container_of(w, struct obj, work)`, `list_first_entry(&h, struct obj, node)`,
 * `va_arg(ap, unsigned long)`. tree-sitter-c reads `struct obj` there as the identifier `struct`
 * followed by an ERROR; we accept that shape and make the argument a `type-name`.
 */
import type { Node } from "web-tree-sitter";
import type { Expression } from "../../ast.js";
import { accept, children, locOf, normalizeSpace, type LowerContext } from "./context.js";
import { lowerExpression } from "./expressions.js";
import { wordsType } from "./types.js";

/** Words that can only start a type name, never an expression. */
const TYPE_KEYWORDS = new Set(["struct", "union", "enum", "unsigned", "signed", "const", "volatile", "long", "short"]);

/** Tokens a type name written as an argument may consist of. */
const TYPE_NAME_TOKENS = new Set(["identifier", "type_identifier", "primitive_type", "*", "ERROR", "pointer_expression"]);

export function lowerArguments(ctx: LowerContext, argumentList: Node): Expression[] {
  if (!argumentList.hasError) return argumentList.namedChildren.map((argument) => lowerExpression(ctx, argument));
  const groups: Node[][] = [[]];
  for (const child of children(argumentList)) {
    if (child.type === ",") groups.push([]);
    else if (child.isNamed || child.type === "ERROR") groups.at(-1)?.push(child);
  }
  return groups.filter((group) => group.length > 0).flatMap((group) => lowerArgument(ctx, group));
}

function lowerArgument(ctx: LowerContext, group: readonly Node[]): Expression[] {
  const first = group[0];
  const last = group.at(-1);
  if (first === undefined || last === undefined) return [];
  if (group.length === 1 && first.type !== "ERROR") return [lowerExpression(ctx, first)];
  const words = ctx.code.slice(first.startIndex, last.endIndex);
  if (TYPE_KEYWORDS.has(words.split(/\s+/)[0] ?? "") && group.every((node) => isTypeNamePart(node))) {
    for (const node of group) accept(ctx, node);
    const text = normalizeSpace(words);
    return [{ kind: "type-name", loc: locOf(ctx, first), text, type: wordsType(text) }];
  }
  // Not a type: the ERROR stays a syntax error; lower what parsed.
  return group.filter((node) => node.type !== "ERROR").map((node) => lowerExpression(ctx, node));
}

function isTypeNamePart(node: Node): boolean {
  if (!TYPE_NAME_TOKENS.has(node.type)) return false;
  if (node.type === "ERROR" || node.type === "pointer_expression") return node.children.every((child) => child !== null && isTypeNamePart(child));
  return true;
}
