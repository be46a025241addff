/**
 * Bytes → scenario text. A scenario is UTF-8 text: a NUL byte or an invalid UTF-8 sequence means
 * a binary file was given by mistake, reported at the first offending byte.
 */
import type { Loc } from "../ast.js";

export type DecodeOutcome =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly loc: Loc; readonly message: string };

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function decodeScenario(file: string, bytes: Uint8Array): DecodeOutcome {
  const nul = bytes.indexOf(0);
  const invalid = firstInvalidUtf8(bytes, nul === -1 ? bytes.length : nul);
  if (invalid !== -1) {
    return { ok: false, loc: locOfByte(file, bytes, invalid), message: "not UTF-8 text (invalid byte sequence); is this a binary file?" };
  }
  if (nul !== -1) {
    return { ok: false, loc: locOfByte(file, bytes, nul), message: "binary file (NUL byte); a scenario is C source text" };
  }
  return { ok: true, text: decoder.decode(bytes) };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array, end: number): number {
  let i = 0;
  while (i < end) {
    const lead = bytes[i] ?? 0;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > end) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1] ?? 0;
    // Overlong encodings, surrogates and code points past U+10FFFF (RFC 3629 §4).
    if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f)) return i;
    if ((lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return -1;
}

/** Line and column of a byte offset; the bytes before it are valid UTF-8 (checked above). */
function locOfByte(file: string, bytes: Uint8Array, offset: number): Loc {
  const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const before = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, offset));
  return { file, line, column: before.length + 1 };
}
