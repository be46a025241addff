/** The lockdep selftest table as an engine conformance suite (see README.md). */
export { loadSelftestTable, parseSelftestTable, TABLE_FILE } from "./table.js";
export type { OpRef, SelftestCase, SelftestConfig, SelftestTask, TableResult } from "./table.js";
export { parseLockName } from "./names.js";
export type { LockName } from "./names.js";
export { parseOp } from "./ops.js";
export type { ParsedOp } from "./ops.js";
export { translateCase } from "./translate.js";
export type { OpEvents, TranslatedCase, Translation } from "./translate.js";
export { runCase, describePlace } from "./run.js";
export type { EngineLike, Run, RunError } from "./run.js";
export { expectationFor } from "./expectations.js";
export type { Expectation } from "./expectations.js";
export { DECISIONS } from "./decisions.js";
export type { Decision } from "./decisions.js";
export { SKIPS } from "./skips.js";
export type { Skip } from "./skips.js";
export { judgeRun } from "./judge.js";
