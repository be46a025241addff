/**
 * The shipped data file read straight from disk with JSON.parse, bypassing the loader, so tests
 * can compute expected values independently of the code under test.
 */
import { readFileSync } from "node:fs";

export interface RawGfpData {
  readonly bits: Record<string, number>;
  readonly bits_x86_64_v6_10plus: Record<string, number>;
  readonly removed_bits: Record<string, { bit: number; until: string }>;
  readonly masks: Record<string, string[]>;
  readonly masks_expanded: Record<string, string[]>;
  readonly masks_variants: Record<string, string[]>;
  readonly hex_x86_64_v6_10plus: Record<string, string>;
  readonly ftrace_name_order: string[];
}

export const RAW_GFP_DATA_TEXT = readFileSync(new URL("../../../data/gfp-flags.json", import.meta.url), "utf8");
export const RAW_GFP_DATA = JSON.parse(RAW_GFP_DATA_TEXT) as RawGfpData;
