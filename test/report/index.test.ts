import { describe, expect, it } from "vitest";
import * as report from "../../src/report/index.js";

describe("src/report public surface", () => {
  it("exports exactly the renderers and the printable helper", () => {
    expect(Object.keys(report).sort()).toEqual(["identityLine", "printable", "renderJson", "renderText", "toJsonReport"]);
  });
});
