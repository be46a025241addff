/**
 * Blanking: every stage before tree-sitter removes text by overwriting it with spaces, keeping
 * newlines, so offsets, lines and columns in the blanked text are those of the file.
 */
export function blank(text: string): string {
  // Line by line rather than a regex replacement per character (a comment block is thousands).
  return text
    .split("\n")
    .map((line) => " ".repeat(line.length))
    .join("\n");
}

/** Rebuilds a text from kept slices and blanked ranges, in one pass. */
export class BlankingWriter {
  private readonly pieces: string[] = [];
  private cursor = 0;

  constructor(private readonly text: string) {}

  /** Blanks `[start, end)`; ranges must come in increasing order and not overlap. */
  blankRange(start: number, end: number): void {
    if (start < this.cursor) return;
    this.pieces.push(this.text.slice(this.cursor, start), blank(this.text.slice(start, end)));
    this.cursor = end;
  }

  finish(): string {
    this.pieces.push(this.text.slice(this.cursor));
    return this.pieces.join("");
  }
}
