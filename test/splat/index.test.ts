/** The folder's public surface (STYLE-EXAMPLES habit 11: the export list is pinned). */
import { expect, it } from "vitest";
import * as splat from "../../src/splat/index.js";

it("exports exactly the splat API", () => {
  expect(Object.keys(splat).sort()).toEqual(
    [
      "dotQuote",
      "explainReport",
      "explainReports",
      "linesOf",
      "normalizeLine",
      "parseFrame",
      "parseLockLine",
      "parseReport",
      "parseSplatText",
      "parseSplats",
      "renderDot",
      "renderJson",
      "splitReports",
      "toExplainJson",
      "toJsonReport",
      "toScenario",
    ].sort(),
  );
});
