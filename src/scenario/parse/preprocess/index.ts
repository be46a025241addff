/**
 * The preprocessor stage: comments, directives, inactive `#if` branches and annotation macros
 * become blanks of the same width, so tree-sitter parses plain C and every place it reports is
 * the file's own line and column.
 */
import type { Diagnostic } from "../diagnostic.js";
import type { LineIndex } from "../line-index.js";
import { stripAnnotations, type RawAnnotation } from "./annotations.js";
import { stripComments, type LineComment } from "./comments.js";
import type { PreprocessorState } from "./config.js";
import { scanDirectives, type DirectiveHooks } from "./directives.js";

export type { PreprocessorState } from "./config.js";
export type { DirectiveHooks } from "./directives.js";
export type { RawAnnotation } from "./annotations.js";
export type { LineComment } from "./comments.js";
export { evaluateIf, type IfEnvironment, type IfOutcome } from "./if-expression.js";

export interface PreprocessedFile {
  /** The text tree-sitter parses: same length and line structure as the file. */
  readonly code: string;
  readonly annotations: readonly RawAnnotation[];
  /** `//` comments on active lines. */
  readonly lineComments: readonly LineComment[];
  readonly diagnostics: readonly Diagnostic[];
}

export function preprocessFile(
  text: string,
  index: LineIndex,
  state: PreprocessorState,
  hooks: DirectiveHooks,
): PreprocessedFile {
  const comments = stripComments(text);
  const directives = scanDirectives(comments.code, index, state, hooks);
  const annotated = stripAnnotations(directives.code);
  const diagnostics = [...directives.diagnostics];
  if (comments.unterminatedComment !== null) {
    diagnostics.push({ loc: index.locAt(comments.unterminatedComment), message: "unterminated comment: '/*' without '*/'" });
  }
  const lineComments = comments.lineComments.filter((comment) => directives.isLineActive(index.locAt(comment.offset).line));
  return { code: annotated.code, annotations: annotated.annotations, lineComments, diagnostics };
}
