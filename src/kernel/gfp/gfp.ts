/**
 * The `Gfp` value: a kernel `gfp_t`, i.e. an unsigned 32-bit mask
 * (include/linux/types.h: `typedef unsigned int __bitwise gfp_t`).
 *
 * A number, not a bigint: the highest bit in use is 27 (`__GFP_NO_OBJ_EXT`), numbers survive
 * `JSON.stringify` (the IR's round-trip invariant; bigints throw), and 32-bit bitwise operators
 * are exact on them as long as every result is brought back to unsigned with `>>> 0`, which the
 * helpers below always do. The brand keeps task flags or plain counts from being passed as a gfp.
 */

declare const gfpBrand: unique symbol;
export type Gfp = number & { readonly [gfpBrand]: true };

/** The empty mask (`0`; ftrace prints `none`). */
export const GFP_EMPTY = 0 as Gfp;

/** Largest value a `gfp_t` holds. */
export const GFP_MAX = 0xffff_ffff;

/** A number as a gfp_t, or undefined when it is not an integer in 0..2^32-1. */
export function gfpFromNumber(n: number): Gfp | undefined {
  return Number.isInteger(n) && n >= 0 && n <= GFP_MAX ? (n as Gfp) : undefined;
}

export function gfpOr(a: Gfp, b: Gfp): Gfp {
  return ((a | b) >>> 0) as Gfp;
}

export function gfpAnd(a: Gfp, b: Gfp): Gfp {
  return ((a & b) >>> 0) as Gfp;
}

export function gfpXor(a: Gfp, b: Gfp): Gfp {
  return ((a ^ b) >>> 0) as Gfp;
}

/** C's `~gfp` on a 32-bit unsigned int. */
export function gfpNot(a: Gfp): Gfp {
  return (~a >>> 0) as Gfp;
}

/** `gfp & ~mask`. */
export function gfpWithout(gfp: Gfp, mask: Gfp): Gfp {
  return ((gfp & ~mask) >>> 0) as Gfp;
}

/** True when every bit of `mask` is in `gfp` (false for an empty mask: a compiled-out bit). */
export function gfpHas(gfp: Gfp, mask: Gfp): boolean {
  return mask !== 0 && ((gfp & mask) >>> 0) === mask;
}

/** The OR of a list of values. */
export function gfpUnion(values: Iterable<Gfp>): Gfp {
  let acc = 0;
  for (const v of values) acc |= v;
  return (acc >>> 0) as Gfp;
}

/** As C's `%#x` would print it: `0xcc0`, and `0` for zero. */
export function gfpHex(gfp: Gfp): string {
  return gfp === 0 ? "0" : `0x${gfp.toString(16)}`;
}
