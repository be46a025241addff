/**
 * Parser for C gfp expressions, with C's precedence: `|` < `^` < `&` < unary `~` and casts.
 * Casts to `gfp_t` (optionally `__force`, as gfp_types.h writes them) are accepted and mean
 * nothing; any other parenthesised text is a grouping. The tree keeps columns so evaluation
 * errors (an unknown name) point at the name.
 */
import { lexGfp, type GfpToken } from "./expr-lex.js";
import { fail, ok, type Result, type TextError } from "./result.js";

export type GfpBinaryOp = "|" | "^" | "&";

export type GfpExpr =
  | { readonly kind: "number"; readonly value: number; readonly column: number }
  | { readonly kind: "name"; readonly name: string; readonly column: number }
  | { readonly kind: "not"; readonly operand: GfpExpr; readonly column: number }
  | { readonly kind: "binary"; readonly op: GfpBinaryOp; readonly left: GfpExpr; readonly right: GfpExpr; readonly column: number };

/** Binary operators from loosest to tightest binding (C11 6.5.10–6.5.12). */
const LEVELS: readonly GfpBinaryOp[] = ["|", "^", "&"];

/** Deepest nesting of `(` and `~` accepted: untrusted text must not exhaust the stack. */
export const MAX_GFP_EXPR_DEPTH = 256;

class Parser {
  private at = 0;
  private depth = 0;
  constructor(private readonly tokens: readonly GfpToken[]) {}

  private peek(offset = 0): GfpToken {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)] as GfpToken;
  }

  private isOp(token: GfpToken, op: string): boolean {
    return token.kind === "op" && token.op === op;
  }

  private describe(token: GfpToken): string {
    if (token.kind === "end") return "end of expression";
    if (token.kind === "number") return `\`${token.value}\``;
    return `\`${token.kind === "name" ? token.name : token.op}\``;
  }

  parseAll(): Result<GfpExpr, TextError> {
    const expr = this.binary(0);
    if (!expr.ok) return expr;
    const next = this.peek();
    if (next.kind !== "end") return fail({ message: `unexpected ${this.describe(next)} after the expression`, column: next.column });
    return expr;
  }

  private binary(level: number): Result<GfpExpr, TextError> {
    const op = LEVELS[level];
    if (op === undefined) return this.unary();
    let left = this.binary(level + 1);
    while (left.ok && this.isOp(this.peek(), op)) {
      const column = this.peek().column;
      this.at += 1;
      const right = this.binary(level + 1);
      if (!right.ok) return right;
      left = ok({ kind: "binary", op, left: left.value, right: right.value, column });
    }
    return left;
  }

  /** `(gfp_t)` or `(__force gfp_t)` at the current position: how many tokens it spans. */
  private castLength(): number {
    if (!this.isOp(this.peek(), "(")) return 0;
    let i = 1;
    const word = (t: GfpToken, name: string): boolean => t.kind === "name" && t.name === name;
    if (word(this.peek(i), "__force")) i += 1;
    if (!word(this.peek(i), "gfp_t")) return 0;
    return this.isOp(this.peek(i + 1), ")") ? i + 2 : 0;
  }

  private unary(): Result<GfpExpr, TextError> {
    const token = this.peek();
    if (this.depth >= MAX_GFP_EXPR_DEPTH) {
      return fail({ message: `expression nested more than ${MAX_GFP_EXPR_DEPTH} deep`, column: token.column });
    }
    this.depth += 1;
    const result = this.unaryBody(token);
    this.depth -= 1;
    return result;
  }

  private unaryBody(token: GfpToken): Result<GfpExpr, TextError> {
    if (this.isOp(token, "~")) {
      this.at += 1;
      const operand = this.unary();
      return operand.ok ? ok({ kind: "not", operand: operand.value, column: token.column }) : operand;
    }
    const cast = this.castLength();
    if (cast > 0) {
      this.at += cast;
      return this.unary();
    }
    return this.primary();
  }

  private primary(): Result<GfpExpr, TextError> {
    const token = this.peek();
    if (token.kind === "number") {
      this.at += 1;
      return ok({ kind: "number", value: token.value, column: token.column });
    }
    if (token.kind === "name") {
      this.at += 1;
      return ok({ kind: "name", name: token.name, column: token.column });
    }
    if (this.isOp(token, "(")) {
      this.at += 1;
      const inner = this.binary(0);
      if (!inner.ok) return inner;
      const close = this.peek();
      if (!this.isOp(close, ")")) return fail({ message: `expected \`)\` to close the \`(\` at column ${token.column}, found ${this.describe(close)}`, column: close.column });
      this.at += 1;
      return inner;
    }
    return fail({ message: `expected a gfp flag, a number or \`(\`, found ${this.describe(token)}`, column: token.column });
  }
}

/** Parses `text` as a gfp expression; errors carry the 1-based column in `text`. */
export function parseGfpExpression(text: string): Result<GfpExpr, TextError> {
  const tokens = lexGfp(text);
  if (!tokens.ok) return tokens;
  return new Parser(tokens.value).parseAll();
}
