import { expect, it } from "vitest";
import * as parse from "../../../src/scenario/parse/index.js";

it("the parser's public surface is pinned", () => {
  expect(Object.keys(parse).sort()).toEqual([
    "MAX_SCENARIO_BYTES",
    "formatDiagnostic",
    "formatPlace",
    "memorySourceHost",
    "nodeSourceHost",
    "parseScenarioFile",
    "parseScenarioSource",
  ]);
});
