/** Exploration is bounded and says where: checking always completes, with a note at the place. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkScenarioFiles } from "../../src/check/check-scenarios.js";

describe("exploration bounds", () => {
  it("a path holding more than 48 locks (lockdep's MAX_LOCK_DEPTH) is noted and not followed", async () => {
    const locks = Array.from({ length: 50 }, (_, i) => `DEFINE_MUTEX(l${i});`).join("\n");
    const body = Array.from({ length: 50 }, (_, i) => `\tmutex_lock(&l${i});`).join("\n");
    const dir = mkdtempSync(join(tmpdir(), "reclaimdep-bounds-"));
    const file = join(dir, "deep.c");
    writeFileSync(file, `${locks}\nstatic void deep(void)\n{\n${body}\n\tmight_sleep();\n}\nTASK(deep);\n`);
    const r = await checkScenarioFiles([file], { noModel: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.notes.map((n) => n.message)).toContain("note: a path holds more than 48 locks (lockdep's MAX_LOCK_DEPTH); it is not followed further");
    // The 49th lock is where the path stops: no held-lock-at-exit for a path that was not followed.
    expect(r.findings.map((f) => f.kind)).toEqual([]);
  });
});
