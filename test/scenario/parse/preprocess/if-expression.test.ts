import { describe, expect, it } from "vitest";
import { evaluateIf, type IfEnvironment } from "../../../../src/scenario/parse/preprocess/index.js";

const env: IfEnvironment = {
  isDefined: (name) => ["HAVE_X", "LEVEL"].includes(name),
  isConfigEnabled: (name) => name === "CONFIG_SMP",
  objectMacro: (name) => ({ LEVEL: "2", SELF: "SELF + 1" })[name],
};

describe("#if expressions", () => {
  it.each([
    ["1", true],
    ["0", false],
    ["IS_ENABLED(CONFIG_SMP)", true],
    ["IS_BUILTIN(CONFIG_SMP) && IS_REACHABLE(CONFIG_SMP)", true],
    ["IS_MODULE(CONFIG_SMP)", false],
    ["IS_ENABLED(CONFIG_NUMA)", false],
    ["CONFIG_SMP", true],
    ["defined(HAVE_X) && !defined NOPE", true],
    ["LEVEL == 2 && LEVEL << 1 == 4", true],
    ["UNDEFINED_NAME", false],
    ["0x10 == 16 && 010 == 8 && 1UL", true],
    ["-1 < 0 && ~0 == -1 && 7 % 4 == 3 && 7 / 2 == 3", true],
    ["(1 | 2) == 3 && (3 & 1) && (1 ^ 1) == 0 || 0", true],
    ["1 ? 0 : 1", false],
    ["2 >= 2 && 1 <= 2 && 1 != 2 && 3 > 2 && 5 - 3 + 1 == 3", true],
  ])("%s is %s", (text, value) => {
    expect(evaluateIf(text, env)).toEqual({ ok: true, value });
  });

  it("reports a macro that refers to itself", () => {
    expect(evaluateIf("SELF", env)).toEqual({ ok: false, message: "macro expansion too deep in #if expression (a macro refers to itself?)" });
  });

  it("knows only kconfig's tests as function-like names, not Object's properties", () => {
    expect(evaluateIf("constructor(CONFIG_SMP)", env)).toMatchObject({ ok: false });
  });

  it("reports trailing tokens", () => {
    expect(evaluateIf("1 2", env)).toEqual({ ok: false, message: "unexpected '2' in #if expression" });
  });
});
