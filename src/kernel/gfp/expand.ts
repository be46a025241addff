/**
 * Mask definitions → values. A mask is the OR of names that are bits or other masks (the kernel
 * defines `GFP_KERNEL` through the composite `__GFP_RECLAIM`, gfp_types.h), so expansion is
 * recursive; an unknown name or a definition that reaches itself is an error in the data.
 */
import type { GfpDataError, MaskDefinitions } from "./data.js";
import { gfpOr, GFP_EMPTY, type Gfp } from "./gfp.js";
import { fail, ok, type Result } from "./result.js";

export function expandMasks(
  definitions: MaskDefinitions,
  bits: ReadonlyMap<string, Gfp>,
  dataPath: (mask: string) => string,
): Result<Map<string, Gfp>, GfpDataError> {
  const done = new Map<string, Gfp>();
  const inProgress = new Set<string>();

  const expand = (mask: string): Result<Gfp, GfpDataError> => {
    const known = done.get(mask);
    if (known !== undefined) return ok(known);
    if (inProgress.has(mask)) return fail({ path: dataPath(mask), message: `definition of ${mask} refers to itself` });
    inProgress.add(mask);
    let value = GFP_EMPTY;
    const members = definitions.get(mask) ?? [];
    for (const [i, name] of members.entries()) {
      const bit = bits.get(name);
      if (bit !== undefined) {
        value = gfpOr(value, bit);
      } else if (definitions.has(name)) {
        const inner = expand(name);
        if (!inner.ok) return inner;
        value = gfpOr(value, inner.value);
      } else {
        return fail({ path: `${dataPath(mask)}[${i}]`, message: `unknown gfp name ${name}` });
      }
    }
    inProgress.delete(mask);
    done.set(mask, value);
    return ok(value);
  };

  for (const mask of definitions.keys()) {
    const result = expand(mask);
    if (!result.ok) return result;
  }
  return ok(done);
}
