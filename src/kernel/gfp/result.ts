/**
 * Outcomes of functions whose input a user or a file controls: a value or an error value, never
 * a thrown exception (brief: errors a user can cause are values with a message and a location).
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

/**
 * A problem in a piece of text (a gfp expression, an ftrace field): the message and the 1-based
 * column in that text. The caller knows the file and line and prints `file:line:column: message`,
 * adding its own column offset.
 */
export interface TextError {
  readonly message: string;
  readonly column: number;
}
