/**
 * The architecture of DESIGN.md §2, checked on the imports: the engine knows only the event
 * language; the event language knows nothing else; front-ends (scenario, splat) and renderers
 * never reach into the engine's internals (only its public index and the Finding type).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** Repository-relative targets of a file's relative imports. */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/from\s+"(\.[^"]+)"/g)].map((m) => relative(".", resolve(dirname(file), m[1]!)));
}

const inside = (path: string, folder: string): boolean => path === folder || path.startsWith(`${folder}/`);

describe("layers", () => {
  it("src/engine imports only src/engine and src/ir", () => {
    const bad = files("src/engine").flatMap((f) => imports(f).filter((t) => !inside(t, "src/engine") && !inside(t, "src/ir")).map((t) => `${f} → ${t}`));
    expect(bad).toEqual([]);
  });

  it("src/ir imports nothing outside itself", () => {
    const bad = files("src/ir").flatMap((f) => imports(f).filter((t) => !inside(t, "src/ir")).map((t) => `${f} → ${t}`));
    expect(bad).toEqual([]);
  });

  it("front-ends and renderers use only the engine's public surface", () => {
    const allowed = new Set(["src/engine/index.js", "src/engine/finding.js"]);
    const bad = ["src/scenario", "src/splat", "src/report", "src/kernel"].flatMap((dir) =>
      files(dir).flatMap((f) => imports(f).filter((t) => inside(t, "src/engine") && !allowed.has(t)).map((t) => `${f} → ${t}`)),
    );
    expect(bad).toEqual([]);
  });
});
