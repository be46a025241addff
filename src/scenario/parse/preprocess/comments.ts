/**
 * Stage 1 of preprocessing: comments become blanks (C11 §5.1.1.2 phase 3 replaces each with a
 * space; we keep the width so places stay exact), and `//` comments are kept aside for the
 * `// expect:` lines. String and character literals are skipped so `"a // b"` stays whole.
 */
import { BlankingWriter } from "./blank.js";

export interface LineComment {
  /** Offset of the `//`. */
  readonly offset: number;
  /** The text after `//`. */
  readonly text: string;
}

export interface CommentScan {
  readonly code: string;
  readonly lineComments: readonly LineComment[];
  /** Offset of a `/*` never closed, or null. */
  readonly unterminatedComment: number | null;
}

const LEXEMES = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|\/\*|"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'/g;

export function stripComments(text: string): CommentScan {
  const writer = new BlankingWriter(text);
  const lineComments: LineComment[] = [];
  let unterminatedComment: number | null = null;
  for (const match of text.matchAll(LEXEMES)) {
    const lexeme = match[0];
    const start = match.index;
    if (lexeme.startsWith("//")) {
      lineComments.push({ offset: start, text: lexeme.slice(2).replace(/\r$/, "") });
      writer.blankRange(start, start + lexeme.length);
    } else if (lexeme === "/*") {
      // Only an unclosed comment leaves a bare "/*": the rest of the file is comment.
      unterminatedComment = start;
      writer.blankRange(start, text.length);
      break;
    } else if (lexeme.startsWith("/*")) {
      writer.blankRange(start, start + lexeme.length);
    }
  }
  return { code: writer.finish(), lineComments, unterminatedComment };
}
