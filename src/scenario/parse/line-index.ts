/** Offsets in a text ↔ 1-based line and column (UTF-16 code units, as JS strings count). */
import type { Loc } from "../ast.js";

export interface LineIndex {
  readonly file: string;
  /** The place of a string offset. */
  locAt(offset: number): Loc;
}

export function lineIndex(file: string, text: string): LineIndex {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return {
    file,
    locAt(offset: number): Loc {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((starts[mid] ?? 0) <= offset) low = mid;
        else high = mid - 1;
      }
      return { file, line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
    },
  };
}
