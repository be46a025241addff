/**
 * Reads the shipped `data/gfp-flags.json` (see data/README.md). The only module here that touches
 * the file system: the path is relative to this file, which sits three levels below the package
 * root both as `src/kernel/gfp/*.ts` and as the built `dist/kernel/gfp/*.js`.
 */
import { readFileSync } from "node:fs";

export const GFP_DATA_URL = new URL("../../../data/gfp-flags.json", import.meta.url);

/** The parsed JSON (unchecked: pass it to `parseGfpData`), or the reason it could not be read. */
export function readGfpDataFile(url: URL = GFP_DATA_URL): { json: unknown } | { error: string } {
  try {
    return { json: JSON.parse(readFileSync(url, "utf8")) as unknown };
  } catch (e) {
    return { error: `${url.pathname}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
