/**
 * The tables built from the shipped data file, one per configuration, built on first use. A
 * broken shipped file is an internal error (the package itself is broken), so this throws;
 * callers holding a file from a user use `parseGfpData` + `buildGfpTable`, which return errors.
 */
import { DEFAULT_GFP_CONFIG, type GfpConfig } from "./config.js";
import { parseGfpData, type GfpData } from "./data.js";
import { readGfpDataFile } from "./data-file.js";
import type { Gfp } from "./gfp.js";
import { buildGfpTable, type GfpTable } from "./table.js";

let shippedData: GfpData | undefined;
const tables = new Map<string, GfpTable>();

/** The shipped data file, checked. */
export function shippedGfpData(): GfpData {
  if (shippedData === undefined) {
    const read = readGfpDataFile();
    if ("error" in read) throw new Error(`internal error: cannot read the GFP data: ${read.error}`);
    const parsed = parseGfpData(read.json);
    if (!parsed.ok) throw new Error(`internal error: data/gfp-flags.json: ${parsed.error.path}: ${parsed.error.message}`);
    shippedData = parsed.value;
  }
  return shippedData;
}

/** The table for `config` (default: all options on, v6.8+). */
export function gfpTable(config: GfpConfig = DEFAULT_GFP_CONFIG): GfpTable {
  const key = `${config.layout}/${config.era}`;
  let table = tables.get(key);
  if (table === undefined) {
    const built = buildGfpTable(shippedGfpData(), config);
    if (!built.ok) throw new Error(`internal error: data/gfp-flags.json: ${built.error.path}: ${built.error.message}`);
    table = built.value;
    tables.set(key, table);
  }
  return table;
}

/** The value of a bit or mask name (`GFP_KERNEL`, `__GFP_ZERO`), or undefined for an unknown name. */
export function gfpValue(name: string, table: GfpTable = gfpTable()): Gfp | undefined {
  return table.values.get(name);
}
