/**
 * The GFP table for one configuration: every name's value, built from gfp-flags.json (never
 * retyped here). Bits a config compiles out are present with value 0, as the kernel defines them
 * (`#define ___GFP_NOLOCKDEP 0` without CONFIG_LOCKDEP; gfp_types.h), so `gfp & __GFP_NOLOCKDEP`
 * is simply false there.
 */
import { GFP_ERAS, GFP_LAYOUTS, type GfpConfig } from "./config.js";
import type { GfpData, GfpDataError } from "./data.js";
import { expandMasks } from "./expand.js";
import { GFP_EMPTY, type Gfp } from "./gfp.js";
import { fail, ok, type Result } from "./result.js";

/** Names the kernel semantics in this folder rely on; a data file without them is rejected. */
export const SEMANTIC_GFP_NAMES = [
  "__GFP_MOVABLE",
  "__GFP_IO",
  "__GFP_FS",
  "__GFP_DIRECT_RECLAIM",
  "__GFP_KSWAPD_RECLAIM",
  "__GFP_NOLOCKDEP",
  "GFP_NOIO",
  "GFP_NOFS",
  "GFP_KERNEL",
] as const;
export type SemanticGfpName = (typeof SEMANTIC_GFP_NAMES)[number];

/** One entry of ftrace's name table (`__def_gfpflag_names`), in match order. */
export interface FtraceName {
  readonly name: string;
  readonly value: Gfp;
}

export interface GfpTable {
  readonly config: GfpConfig;
  /** Single-bit names (`__GFP_*`) → value; 0 when the config compiles the bit out. */
  readonly bits: ReadonlyMap<string, Gfp>;
  /** Composite names (`GFP_*`, `__GFP_RECLAIM`) → value, era variants applied. */
  readonly masks: ReadonlyMap<string, Gfp>;
  /** Bits and masks together: what a name in C or in a trace means. */
  readonly values: ReadonlyMap<string, Gfp>;
  /** ftrace's table in match order, without entries the config compiles out (value 0). */
  readonly ftraceNames: readonly FtraceName[];
  /** The values the semantics use, typed. */
  readonly known: Readonly<Record<SemanticGfpName, Gfp>>;
}

function bitValues(data: GfpData, config: GfpConfig): Result<Map<string, Gfp>, GfpDataError> {
  const layoutKey = GFP_LAYOUTS[config.layout].dataKey;
  const positions = data[layoutKey];
  const owner = new Map<number, string>();
  const bits = new Map<string, Gfp>();
  const place = (name: string, bit: number, path: string): GfpDataError | undefined => {
    const other = owner.get(bit);
    if (other !== undefined) return { path, message: `bit ${bit} is given to both ${other} and ${name}` };
    owner.set(bit, name);
    bits.set(name, ((1 << bit) >>> 0) as Gfp);
    return undefined;
  };
  // The full name list is `bits`; a layout may lack names it compiles out (value 0).
  for (const name of new Set([...data.bits.keys(), ...positions.keys()])) {
    const bit = positions.get(name);
    if (bit === undefined) bits.set(name, GFP_EMPTY);
    else {
      const clash = place(name, bit, `${layoutKey}.${name}`);
      if (clash) return fail(clash);
    }
  }
  for (const name of GFP_ERAS[config.era].removedBits) {
    const removed = data.removed_bits.get(name);
    if (removed === undefined) return fail({ path: `removed_bits.${name}`, message: "missing" });
    const clash = place(name, removed.bit, `removed_bits.${name}`);
    if (clash) return fail(clash);
  }
  return ok(bits);
}

/** Builds the table for `config`; an inconsistent data file is an error value. */
export function buildGfpTable(data: GfpData, config: GfpConfig): Result<GfpTable, GfpDataError> {
  const bits = bitValues(data, config);
  if (!bits.ok) return bits;

  const definitions = new Map(data.masks);
  const source = new Map<string, string>();
  for (const { mask, variant } of GFP_ERAS[config.era].variants) {
    const members = data.masks_variants.get(variant);
    if (members === undefined) return fail({ path: `masks_variants.${variant}`, message: "missing" });
    definitions.set(mask, members);
    source.set(mask, `masks_variants.${variant}`);
  }
  const masks = expandMasks(definitions, bits.value, (m) => source.get(m) ?? `masks.${m}`);
  if (!masks.ok) return masks;

  const values = new Map<string, Gfp>(bits.value);
  for (const [name, value] of masks.value) {
    if (values.has(name)) return fail({ path: `masks.${name}`, message: `${name} is both a bit and a mask` });
    values.set(name, value);
  }

  const known = {} as Record<SemanticGfpName, Gfp>;
  for (const name of SEMANTIC_GFP_NAMES) {
    const value = values.get(name);
    if (value === undefined) return fail({ path: name.startsWith("GFP_") ? `masks.${name}` : `bits.${name}`, message: "missing" });
    known[name] = value;
  }

  const ftraceNames: FtraceName[] = [];
  for (const [i, name] of data.ftrace_name_order.entries()) {
    const value = values.get(name);
    if (value === undefined) return fail({ path: `ftrace_name_order[${i}]`, message: `unknown gfp name ${name}` });
    // The kernel's table only has entries for bits the config has (#ifdef in mmflags.h); a 0
    // entry would match every value.
    if (value !== 0) ftraceNames.push({ name, value });
  }

  return ok({ config, bits: bits.value, masks: masks.value, values, ftraceNames, known });
}
