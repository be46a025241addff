/**
 * Tokens of a C gfp expression (`GFP_KERNEL | __GFP_ZERO`, `gfp & ~__GFP_FS`,
 * `(__force gfp_t)0x400`). Integer literals follow C: `0x` hex, leading `0` octal, decimal,
 * optional `u`/`l` suffixes. Columns are 1-based.
 */
import { GFP_MAX } from "./gfp.js";
import { fail, ok, type Result, type TextError } from "./result.js";

export type GfpToken =
  | { readonly kind: "number"; readonly value: number; readonly column: number }
  | { readonly kind: "name"; readonly name: string; readonly column: number }
  | { readonly kind: "op"; readonly op: "|" | "&" | "^" | "~" | "(" | ")"; readonly column: number }
  | { readonly kind: "end"; readonly column: number };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(0[xX][0-9a-fA-F]*|[0-9]+)([uUlL]*)/y;
const SPACE = /\s+/y;
const OPS = new Set(["|", "&", "^", "~", "(", ")"]);
/** C operators that are not part of a gfp mask expression, with a hint. */
const NOT_GFP = /(\|\||&&|<<|>>|==|!=|<=|>=|[!?:+\-*/%<>=,])/y;

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function literal(digits: string, column: number): Result<number, TextError> {
  let value: number;
  if (/^0[xX]/.test(digits)) {
    if (digits.length === 2) return fail({ message: `hexadecimal literal \`${digits}\` has no digits`, column });
    value = Number.parseInt(digits.slice(2), 16);
  } else if (digits.length > 1 && digits.startsWith("0")) {
    if (/[89]/.test(digits)) return fail({ message: `invalid digit in octal literal \`${digits}\``, column });
    value = Number.parseInt(digits, 8);
  } else {
    value = Number.parseInt(digits, 10);
  }
  if (value > GFP_MAX) return fail({ message: `literal \`${digits}\` does not fit in gfp_t (32 bits)`, column });
  return ok(value);
}

export function lexGfp(text: string): Result<GfpToken[], TextError> {
  const tokens: GfpToken[] = [];
  let at = 0;
  while (at < text.length) {
    const column = at + 1;
    const space = sticky(SPACE, text, at);
    if (space) {
      at += space[0].length;
      continue;
    }
    const name = sticky(NAME, text, at);
    if (name) {
      tokens.push({ kind: "name", name: name[0], column });
      at += name[0].length;
      continue;
    }
    const number = sticky(NUMBER, text, at);
    if (number) {
      const digits = number[1] ?? "";
      const value = literal(digits, column);
      if (!value.ok) return value;
      const after = text[at + number[0].length];
      if (after !== undefined && /[A-Za-z0-9_.]/.test(after)) {
        return fail({ message: `invalid suffix on integer literal \`${digits}\``, column: at + number[0].length + 1 });
      }
      tokens.push({ kind: "number", value: value.value, column });
      at += number[0].length;
      continue;
    }
    const ch = text[at] ?? "";
    const other = sticky(NOT_GFP, text, at);
    if (other) return fail({ message: `operator \`${other[0]}\` is not allowed in a gfp expression (use |, &, ^, ~)`, column });
    if (OPS.has(ch)) {
      tokens.push({ kind: "op", op: ch as "|" | "&" | "^" | "~" | "(" | ")", column });
      at += 1;
      continue;
    }
    return fail({ message: `unexpected character \`${ch}\``, column });
  }
  tokens.push({ kind: "end", column: text.length + 1 });
  return ok(tokens);
}
