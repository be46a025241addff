/** Values of C literals (C11 §6.4.4, §6.4.5), as far as a scenario needs them. */

/** `0x10`, `010`, `0b11`, `1UL`, `4096ULL`, `1.5f`; null if malformed. */
export function numberValue(text: string): number | null {
  // tree-sitter-c reads a sign written against the digits as part of the literal.
  const sign = text.startsWith("-") ? -1 : 1;
  const t = text.replace(/^[-+]\s*/, "").replace(/'/g, "");
  const integer = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)(?:[uU](?:ll|LL|l|L)?|(?:ll|LL|l|L)[uU]?)?$/.exec(t);
  if (integer !== null) {
    const digits = integer[1] ?? "";
    if (/^0[xX]/.test(digits)) return sign * parseInt(digits.slice(2), 16);
    if (/^0[bB]/.test(digits)) return sign * parseInt(digits.slice(2), 2);
    if (digits.length > 1 && digits.startsWith("0")) return sign * parseInt(digits, 8);
    return sign * parseInt(digits, 10);
  }
  const float = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[fFlL]?$/.exec(t);
  return float === null ? null : sign * parseFloat(t);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: "\n", t: "\t", r: "\r", "0": "\0", a: "\x07", b: "\b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"', "?": "?",
};

/** Decodes the escapes of a literal's body (without its quotes). */
export function unescapeC(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]+|[0-7]{1,3}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g, (_, escape: string) => {
    if (/^x/.test(escape)) return String.fromCodePoint(parseInt(escape.slice(1), 16) & 0xff);
    if (/^[0-7]/.test(escape)) return String.fromCodePoint(parseInt(escape, 8) & 0xff);
    if (/^[uU]/.test(escape)) return String.fromCodePoint(Math.min(parseInt(escape.slice(1), 16), 0x10ffff));
    return SIMPLE_ESCAPES[escape] ?? escape;
  });
}

/** `"abc"`, `L"abc"`, `u8"abc"` → the characters between the quotes, escapes decoded. */
export function stringValue(literal: string): string {
  const open = literal.indexOf('"');
  const close = literal.lastIndexOf('"');
  return close > open ? unescapeC(literal.slice(open + 1, close)) : "";
}

/** `'a'`, `'\n'` → the character code; null for an empty or malformed literal. */
export function charValue(literal: string): number | null {
  const open = literal.indexOf("'");
  const close = literal.lastIndexOf("'");
  const value = close > open ? unescapeC(literal.slice(open + 1, close)) : "";
  return value === "" ? null : (value.codePointAt(0) ?? null);
}
