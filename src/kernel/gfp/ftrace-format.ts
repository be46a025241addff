/**
 * ftrace's printed form of a gfp mask, exactly as `show_gfp_flags()` prints it
 * (include/trace/events/mmflags.h → `__print_flags` → `trace_print_flags_seq`,
 * kernel/trace/trace_output.c): `none` for 0; otherwise walk the name table in order, print a
 * name whenever all of its bits are still set and remove them, join with `|`, and print whatever
 * no name covered as one `0x%lx` at the end. Greedy, so `GFP_KERNEL|__GFP_ZERO`, never
 * `__GFP_RECLAIM|__GFP_IO|...`.
 */
import { gfpTable } from "./default-table.js";
import type { Gfp } from "./gfp.js";
import type { GfpTable } from "./table.js";

export function formatGfpFtrace(gfp: Gfp, table: GfpTable = gfpTable()): string {
  if (gfp === 0) return "none";
  let rest: number = gfp;
  const parts: string[] = [];
  for (const { name, value } of table.ftraceNames) {
    if (rest === 0) break;
    if (((rest & value) >>> 0) !== value) continue;
    parts.push(name);
    rest = (rest & ~value) >>> 0;
  }
  if (rest !== 0) parts.push(`0x${rest.toString(16)}`);
  return parts.join("|");
}
