/**
 * The shape of `data/gfp-flags.json`, checked as untrusted JSON. Field names mirror the file so a
 * reader can go from one to the other; objects become Maps (no prototype keys, insertion order
 * kept). Which names must exist and whether masks resolve is checked when a table is built
 * (table.ts); here only the shape.
 */
import { fail, ok, type Result } from "./result.js";

/** Name → bit number (0..31) in one layout. */
export type BitPositions = ReadonlyMap<string, number>;
/** Mask name → the names (bits or other masks) it is the OR of. */
export type MaskDefinitions = ReadonlyMap<string, readonly string[]>;

export interface RemovedBit {
  readonly bit: number;
  /** Last kernel version that had it, as the file writes it (`v6.2`). */
  readonly until: string;
}

export interface GfpData {
  readonly kernel: string;
  readonly notes: readonly string[];
  readonly bits: BitPositions;
  readonly bits_x86_64_v6_10plus: BitPositions;
  readonly removed_bits: ReadonlyMap<string, RemovedBit>;
  readonly masks: MaskDefinitions;
  readonly masks_expanded: MaskDefinitions;
  readonly masks_variants: MaskDefinitions;
  readonly masks_variants_notes: ReadonlyMap<string, string>;
  readonly hex_x86_64_v6_10plus: ReadonlyMap<string, string>;
  readonly ftrace_name_order: readonly string[];
}

/** What is wrong with the file, and where (a JSON path such as `masks.GFP_KERNEL[1]`). */
export interface GfpDataError {
  readonly path: string;
  readonly message: string;
}

/** Thrown only inside this module, caught by {@link parseGfpData}. */
class ShapeError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

function record(value: unknown, path: string): Map<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ShapeError(path, "expected an object");
  }
  return new Map(Object.entries(value));
}

function field(obj: Map<string, unknown>, key: string, path: string): unknown {
  if (!obj.has(key)) throw new ShapeError(path ? `${path}.${key}` : key, "missing");
  return obj.get(key);
}

function text(value: unknown, path: string): string {
  if (typeof value !== "string") throw new ShapeError(path, "expected a string");
  return value;
}

function bitNumber(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 31) {
    throw new ShapeError(path, "expected a bit number 0..31");
  }
  return value;
}

function textList(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) throw new ShapeError(path, "expected an array of strings");
  return value.map((item, i) => text(item, `${path}[${i}]`));
}

function mapOf<T>(value: unknown, path: string, each: (v: unknown, p: string) => T): Map<string, T> {
  const out = new Map<string, T>();
  for (const [key, v] of record(value, path)) out.set(key, each(v, `${path}.${key}`));
  return out;
}

function removedBit(value: unknown, path: string): RemovedBit {
  const obj = record(value, path);
  return { bit: bitNumber(field(obj, "bit", path), `${path}.bit`), until: text(field(obj, "until", path), `${path}.until`) };
}

/** Checks the parsed JSON of gfp-flags.json; never throws. */
export function parseGfpData(json: unknown): Result<GfpData, GfpDataError> {
  try {
    const top = record(json, "(top level)");
    const get = (key: string): unknown => field(top, key, "");
    return ok({
      kernel: text(get("kernel"), "kernel"),
      notes: textList(get("notes"), "notes"),
      bits: mapOf(get("bits"), "bits", bitNumber),
      bits_x86_64_v6_10plus: mapOf(get("bits_x86_64_v6_10plus"), "bits_x86_64_v6_10plus", bitNumber),
      removed_bits: mapOf(get("removed_bits"), "removed_bits", removedBit),
      masks: mapOf(get("masks"), "masks", textList),
      masks_expanded: mapOf(get("masks_expanded"), "masks_expanded", textList),
      masks_variants: mapOf(get("masks_variants"), "masks_variants", textList),
      masks_variants_notes: mapOf(get("masks_variants_notes"), "masks_variants_notes", text),
      hex_x86_64_v6_10plus: mapOf(get("hex_x86_64_v6_10plus"), "hex_x86_64_v6_10plus", text),
      ftrace_name_order: textList(get("ftrace_name_order"), "ftrace_name_order"),
    });
  } catch (e) {
    if (e instanceof ShapeError) return fail({ path: e.path, message: e.message });
    throw e;
  }
}
