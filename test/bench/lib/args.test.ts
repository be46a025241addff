import { describe, expect, it } from "vitest";
import { parseRunArgs } from "../../../bench/lib/index.js";

describe("bench command line", () => {
  it("runs everything and writes results by default", () => {
    expect(parseRunArgs([])).toEqual({ names: [], quick: false, write: true, help: false });
  });

  it("selects benchmarks by name; --quick never writes RESULTS.md", () => {
    expect(parseRunArgs(["engine", "--quick", "engine"])).toEqual({ names: ["engine"], quick: true, write: false, help: false });
    expect(parseRunArgs(["--no-write", "trace"])).toEqual({ names: ["trace"], quick: false, write: false, help: false });
  });

  it("rejects an unknown option with the usage text", () => {
    const parsed = parseRunArgs(["--fast"]);
    expect(parsed).toHaveProperty("message");
    expect((parsed as { message: string }).message).toMatch(/^unknown option --fast\nusage: npm run bench/);
  });
});
