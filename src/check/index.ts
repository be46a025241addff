/** `check` as a library: parse, interpret, run the engine, verified fix hints, expectations. */
export { checkScenarioFiles, runProgram } from "./check-scenarios.js";
export type { CheckOptions, CheckResult, CheckStats, ProgramRun } from "./check-scenarios.js";
export { compareExpectations } from "./expectations.js";
export type { Mismatch } from "./expectations.js";
export { addFixHints, allocationSitesOf } from "./fix-hints.js";
export { configLines, fileConfig } from "./file-config.js";
export { loadModel, MODEL_DIR } from "./model.js";
