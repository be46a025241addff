/**
 * Which kernel the GFP table describes. Two independent choices, both taken from what
 * gfp-flags.json records (its `notes`, `masks_variants_notes`; kernel-facts.md §1.1):
 *
 * - the bit **layout**: since v6.10 the `___GFP_*_BIT` enum only contains config-dependent bits
 *   whose option is on, so every bit after `__GFP_ZEROTAGS` moves with the config;
 * - the kernel **era**, which changes mask definitions: `GFP_NOWAIT` gained `__GFP_NOWARN` in
 *   v6.8 (16f5dfbc851b); `__GFP_ATOMIC` (bit 9) and its place in `GFP_ATOMIC` went in v6.3.
 */
import type { GfpData } from "./data.js";

export const GFP_LAYOUTS = {
  /** KASAN_HW_TAGS, LOCKDEP, SLAB_OBJ_EXT on: the v6.3..v6.9 hex values plus NO_OBJ_EXT = 27. */
  "all-options": { dataKey: "bits" },
  /** Typical x86_64 lockdep build, v6.10+: no SKIP_ZERO/SKIP_KASAN, NOLOCKDEP = 24, NO_OBJ_EXT = 25. */
  x86_64: { dataKey: "bits_x86_64_v6_10plus" },
} as const satisfies Record<string, { dataKey: keyof GfpData }>;
export type GfpLayout = keyof typeof GFP_LAYOUTS;

/**
 * Per era: which `masks_variants` entries replace which mask, and which `removed_bits` exist.
 * The era does not move bits ≥ 23 (the file does not record the older high-bit positions), and
 * ftrace's name table stays the newest one: in the `..v6.2` era a bare `__GFP_ATOMIC` prints as
 * the leftover `0x200` rather than by name (where in the old table it stood is not recorded).
 */
export const GFP_ERAS = {
  "v6.8+": { variants: [], removedBits: [] },
  "v6.3..v6.7": { variants: [{ mask: "GFP_NOWAIT", variant: "GFP_NOWAIT_older" }], removedBits: [] },
  "..v6.2": {
    variants: [
      { mask: "GFP_NOWAIT", variant: "GFP_NOWAIT_older" },
      { mask: "GFP_ATOMIC", variant: "GFP_ATOMIC_until_v6_2" },
    ],
    removedBits: ["__GFP_ATOMIC"],
  },
} as const;
export type GfpEra = keyof typeof GFP_ERAS;

export interface GfpConfig {
  readonly layout: GfpLayout;
  readonly era: GfpEra;
}

/** What the data file names as its primary content: `bits` and `masks` (v6.8+, all options on). */
export const DEFAULT_GFP_CONFIG: GfpConfig = { layout: "all-options", era: "v6.8+" };
