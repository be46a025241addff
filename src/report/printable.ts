/**
 * Names in findings come from untrusted input (scenario text, trace lines, pasted splats). A
 * lock called `a\x1b[2J` must not clear the reader's terminal, and one holding U+202E must not
 * reorder the rest of the line (CVE-2021-42574, "Trojan Source"). Text output therefore shows
 * such characters as visible escapes; the backslash is escaped too, so the result is unambiguous.
 */

/**
 * Control (Cc: C0, DEL, C1), format (Cf: bidi overrides, zero-width), lone surrogate (Cs) and
 * line/paragraph separator (Zl, Zp) characters, plus the backslash itself.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\\]/gu;

function escapeOne(character: string): string {
  if (character === "\\") return "\\\\";
  const code = character.codePointAt(0) ?? 0;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
}

/** `s` with every character that could act on a terminal or reorder text shown as an escape. */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, escapeOne);
}
