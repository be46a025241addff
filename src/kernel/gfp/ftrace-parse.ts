/**
 * ftrace's printed gfp mask back to a value: `none`, or names and at most one hex leftover joined
 * by `|` (`GFP_NOFS|__GFP_ZERO`, `GFP_KERNEL|0x8000000`). Any name of the table is accepted, not
 * only those ftrace's table prints (traces of other kernels use other tables; names are stable
 * where bit numbers are not). Inverse of `formatGfpFtrace` for every value.
 */
import { gfpTable } from "./default-table.js";
import { gfpOr, GFP_EMPTY, GFP_MAX, type Gfp } from "./gfp.js";
import { fail, ok, type Result, type TextError } from "./result.js";
import type { GfpTable } from "./table.js";

const HEX = /^0x[0-9a-fA-F]+$/;

export function parseGfpFtrace(text: string, table: GfpTable = gfpTable()): Result<Gfp, TextError> {
  if (text === "none") return ok(GFP_EMPTY);
  let value = GFP_EMPTY;
  let column = 1;
  for (const part of text.split("|")) {
    if (part === "") return fail({ message: "expected a gfp flag name or 0x... value", column });
    const named = table.values.get(part);
    if (named !== undefined) {
      value = gfpOr(value, named);
    } else if (HEX.test(part)) {
      const n = Number.parseInt(part.slice(2), 16);
      if (n > GFP_MAX) return fail({ message: `${part} does not fit in gfp_t (32 bits)`, column });
      value = gfpOr(value, n as Gfp);
    } else {
      return fail({ message: `unknown gfp flag \`${part}\``, column });
    }
    column += part.length + 1;
  }
  return ok(value);
}
