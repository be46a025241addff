/**
 * Lock names of the selftest notation. A name is one lock object; names that differ only in
 * trailing digits are instances of one class (the kernel test initialises `lock_X1` and
 * `lock_X2` through one `init_class_X()` call site, so they share a key); every other name is a
 * class of its own. `O1.base` is the base mutex of ww_mutex `O1`: the same lockdep map.
 */

export interface LockName {
  /** The lock object: `X1`, `A`, `O1` (for `O1.base`). */
  readonly instance: string;
  /** Its class: `X`, `A`, `O`. */
  readonly className: string;
  /** Named through `.base`: a plain mutex call on a ww_mutex. */
  readonly wwBase: boolean;
}

const LOCK_NAME = /^([A-Za-z][A-Za-z_]*?)(\d*)(\.base)?$/;

/** Splits a lock name; undefined when the text is not one. */
export function parseLockName(text: string): LockName | undefined {
  const match = LOCK_NAME.exec(text);
  if (match === null) return undefined;
  const [, stem = "", digits = "", base] = match;
  return { instance: stem + digits, className: stem, wwBase: base !== undefined };
}
