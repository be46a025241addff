/** Checks scenario text written to a temporary file (with or without the bundled model). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkScenarioFiles, type CheckOptions } from "../../src/check/check-scenarios.js";
import type { Finding } from "../../src/engine/index.js";

export async function check(source: string, options: CheckOptions = {}): Promise<readonly Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), "reclaimdep-"));
  const file = join(dir, "scenario.c");
  writeFileSync(file, source);
  const r = await checkScenarioFiles([file], { noModel: true, ...options });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.findings;
}

export const brief = (fs: readonly Finding[]): string[][] => fs.map((f) => [f.kind, ...f.locks]);
