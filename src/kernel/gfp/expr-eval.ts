/**
 * Evaluation of a parsed gfp expression. Names resolve first through the GFP table (bits and
 * masks of the configured kernel), then through the caller's lookup (variables such as `gfp`);
 * an unknown name is an error at its column. Arithmetic is C's on a 32-bit unsigned gfp_t.
 */
import { gfpTable } from "./default-table.js";
import { parseGfpExpression, type GfpExpr } from "./expr-parse.js";
import { gfpAnd, gfpNot, gfpOr, gfpXor, type Gfp } from "./gfp.js";
import { fail, ok, type Result, type TextError } from "./result.js";
import type { GfpTable } from "./table.js";

/** Value of a variable, or undefined when the caller does not know the name. */
export type GfpLookup = (name: string) => Gfp | undefined;

const noVariables: GfpLookup = () => undefined;

const BINARY = { "|": gfpOr, "^": gfpXor, "&": gfpAnd } as const;

export function evaluateGfpExpression(
  expr: GfpExpr,
  lookup: GfpLookup = noVariables,
  table: GfpTable = gfpTable(),
): Result<Gfp, TextError> {
  // Recursion is bounded: the parser caps nesting of `(` and `~`, and the one unbounded shape,
  // a long chain `a | b | c | ...`, nests on the left and is walked with a loop below.
  switch (expr.kind) {
    case "number":
      return ok(expr.value as Gfp);
    case "name": {
      const value = table.values.get(expr.name) ?? lookup(expr.name);
      return value === undefined ? fail({ message: `unknown gfp flag or variable \`${expr.name}\``, column: expr.column }) : ok(value);
    }
    case "not": {
      const operand = evaluateGfpExpression(expr.operand, lookup, table);
      return operand.ok ? ok(gfpNot(operand.value)) : operand;
    }
    case "binary": {
      const chain: Extract<GfpExpr, { kind: "binary" }>[] = [];
      let node: GfpExpr = expr;
      while (node.kind === "binary") {
        chain.push(node);
        node = node.left;
      }
      let acc = evaluateGfpExpression(node, lookup, table);
      for (let i = chain.length - 1; i >= 0 && acc.ok; i--) {
        const step = chain[i] as Extract<GfpExpr, { kind: "binary" }>;
        const right = evaluateGfpExpression(step.right, lookup, table);
        if (!right.ok) return right;
        acc = ok(BINARY[step.op](acc.value, right.value));
      }
      return acc;
    }
  }
}

/** Parses and evaluates C text such as `GFP_KERNEL | __GFP_ZERO` or `gfp & ~__GFP_FS`. */
export function evalGfpText(text: string, lookup: GfpLookup = noVariables, table: GfpTable = gfpTable()): Result<Gfp, TextError> {
  const parsed = parseGfpExpression(text);
  return parsed.ok ? evaluateGfpExpression(parsed.value, lookup, table) : parsed;
}
