/**
 * The kernel's iteration macros: `list_for_each_entry(p, &h, node) { ... }` is, to a C grammar
 * without the macro, a call with a missing `;` followed by a block. We accept exactly that
 * shape: any `name(args)` whose `;` tree-sitter reports MISSING, followed by a block, is a loop
 * header and the block its body; a `*for_each*` header may also take a single statement
 * (`list_for_each_entry(p, &h, node)\n\tfoo(p);`). Anything else keeps its syntax error.
 */
import type { Node } from "web-tree-sitter";
import { accept, field, namedChildren, type LowerContext } from "./context.js";

/** Names of iteration macros (include/linux/list.h, hashtable.h, xarray.h, cpumask.h, ...). */
export const LOOP_MACRO_NAME = /(?:^|_)for_each(?:_|$)/;

/** Statement kinds a single-statement loop body may be (not a declaration). */
const STATEMENT_TYPES = new Set([
  "expression_statement", "compound_statement", "if_statement", "switch_statement", "for_statement",
  "while_statement", "do_statement", "return_statement", "goto_statement", "break_statement",
  "continue_statement", "labeled_statement",
]);

/** The statements of a list, minus those that became loop bodies (registered in `ctx.macroBodies`). */
export function attachMacroLoopBodies(ctx: LowerContext, nodes: readonly Node[]): Node[] {
  const kept: Node[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node === undefined) continue;
    kept.push(node);
    const header = danglingHeader(node);
    const next = nodes[i + 1];
    if (header === null || next === undefined) continue;
    const takesStatement = LOOP_MACRO_NAME.test(header.name) && STATEMENT_TYPES.has(next.type);
    if (next.type !== "compound_statement" && !takesStatement) continue;
    ctx.macroBodies.set(header.statement.id, next);
    accept(ctx, header.statement);
    i++;
  }
  return kept;
}

interface Header {
  readonly statement: Node;
  readonly name: string;
}

/**
 * The `name(args)` statement with a MISSING `;` that ends `node`, looking into the last branch
 * of an `if` and the body of a loop (`if (x) list_for_each_entry(...) { }` leaves the block as
 * the `if`'s next sibling).
 */
function danglingHeader(node: Node): Header | null {
  if (!node.hasError) return null; // a MISSING node marks every ancestor; most statements are clean
  switch (node.type) {
    case "expression_statement": {
      const last = node.child(node.childCount - 1);
      const call = namedChildren(node)[0];
      const callee = call?.type === "call_expression" ? field(call, "function") : null;
      if (last === null || !last.isMissing || last.type !== ";" || callee?.type !== "identifier") return null;
      return { statement: node, name: callee.text };
    }
    case "if_statement": {
      const alternative = field(node, "alternative");
      const tail = alternative === null ? field(node, "consequence") : (namedChildren(alternative)[0] ?? null);
      return tail === null ? null : danglingHeader(tail);
    }
    case "for_statement":
    case "while_statement": {
      const body = field(node, "body");
      return body === null ? null : danglingHeader(body);
    }
    case "labeled_statement": {
      const inner = namedChildren(node).at(-1);
      return inner === undefined ? null : danglingHeader(inner);
    }
    default:
      return null;
  }
}

/** `out:` at the end of a block: tree-sitter gives the label an empty statement with a MISSING `;`. */
export function isEmptyLabelTail(ctx: LowerContext, statement: Node): boolean {
  const only = statement.childCount === 1 ? statement.child(0) : null;
  if (statement.type !== "expression_statement" || only === null || !only.isMissing) return false;
  accept(ctx, statement);
  return true;
}
