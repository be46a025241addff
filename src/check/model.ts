/**
 * The bundled kernel model (model/*.c), parsed once per configuration and reused: it is the same
 * for every check.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { basename, dirname, join } from "node:path";
import type { TranslationUnit } from "../scenario/ast.js";
import { parseScenarioFile, type Diagnostic } from "../scenario/parse/index.js";

/** model/ beside src/ and dist/ (this file is src/check/ or dist/check/). */
export const MODEL_DIR = fileURLToPath(new URL("../../model/", import.meta.url));

const cache = new Map<string, Promise<ModelLoad>>();

export interface ModelLoad {
  readonly units: readonly TranslationUnit[];
  /** A broken model is our bug, not the user's: reported as an internal error. */
  readonly diagnostics: readonly Diagnostic[];
}

export function loadModel(config: ReadonlySet<string>, dir = MODEL_DIR): Promise<ModelLoad> {
  const key = `${dir}|${[...config].sort().join(",")}`;
  let load = cache.get(key);
  if (!load) {
    load = parseModel(config, dir);
    cache.set(key, load);
  }
  return load;
}

async function parseModel(config: ReadonlySet<string>, dir: string): Promise<ModelLoad> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".c")).sort();
  } catch {
    return { units: [], diagnostics: [] };
  }
  const units: TranslationUnit[] = [];
  const diagnostics: Diagnostic[] = [];
  // Reports name model files as `model/page_alloc.c`, whatever the installation directory.
  const cwd = dirname(dir.replace(/\/$/, ""));
  for (const f of files) {
    const r = await parseScenarioFile(join(basename(dir.replace(/\/$/, "")), f), { config, root: dir, cwd });
    if (!r.ok) diagnostics.push(r.error);
    else {
      units.push(r.unit);
      diagnostics.push(...r.diagnostics);
    }
  }
  return { units, diagnostics };
}
