/**
 * GFP algebra: kernel allocation-flag semantics on top of the engine (which knows nothing of
 * GFP). Bits and masks come from data/gfp-flags.json; the functions mirror include/linux/gfp.h,
 * include/linux/sched/mm.h, mm/page_alloc.c's lockdep annotation and ftrace's printing.
 * Every function taking a `GfpTable` defaults to the shipped data's default configuration.
 */
export type { Gfp } from "./gfp.js";
export { GFP_EMPTY, GFP_MAX, gfpFromNumber, gfpOr, gfpAnd, gfpXor, gfpNot, gfpWithout, gfpHas, gfpUnion, gfpHex } from "./gfp.js";
export type { Result, TextError } from "./result.js";

export type { GfpData, GfpDataError, BitPositions, MaskDefinitions, RemovedBit } from "./data.js";
export { parseGfpData } from "./data.js";
export { GFP_DATA_URL, readGfpDataFile } from "./data-file.js";
export type { GfpConfig, GfpLayout, GfpEra } from "./config.js";
export { GFP_LAYOUTS, GFP_ERAS, DEFAULT_GFP_CONFIG } from "./config.js";
export type { GfpTable, FtraceName, SemanticGfpName } from "./table.js";
export { buildGfpTable, SEMANTIC_GFP_NAMES } from "./table.js";
export { gfpTable, gfpValue, shippedGfpData } from "./default-table.js";
export type { GfpBitSet } from "./bit-names.js";
export { gfpBitNames } from "./bit-names.js";

export type { GfpExpr, GfpBinaryOp } from "./expr-parse.js";
export { parseGfpExpression, MAX_GFP_EXPR_DEPTH } from "./expr-parse.js";
export type { GfpLookup } from "./expr-eval.js";
export { evaluateGfpExpression, evalGfpText } from "./expr-eval.js";

export { formatGfpFtrace } from "./ftrace-format.js";
export { parseGfpFtrace } from "./ftrace-parse.js";

export { gfpflagsAllowBlocking } from "./allow-blocking.js";
export { currentGfpContext } from "./context.js";

export type { TaskFlags, TaskFlagName } from "./task-flags.js";
export { TASK_FLAGS, NO_TASK_FLAGS, taskFlags, hasTaskFlag, taskFlagNames } from "./task-flags.js";
export type { ScopeSave, MemallocScope, MemallocHelperName } from "./scopes.js";
export {
  MEMALLOC_SCOPES,
  MEMALLOC_HELPERS,
  memallocFlagsSave,
  memallocFlagsRestore,
  memallocSave,
  memallocRestore,
  memallocNofsSave,
  memallocNofsRestore,
  memallocNoioSave,
  memallocNoioRestore,
  memallocNoreclaimSave,
  memallocNoreclaimRestore,
  memallocPinSave,
  memallocPinRestore,
} from "./scopes.js";

export type { ReclaimLevel } from "./reclaim-level.js";
export { RECLAIM_LEVELS, RECLAIM_LEVEL_ORDER, reclaimLevel, reclaimLevelGfp } from "./reclaim-level.js";
export type { LockdepReclaimEra, LockdepReclaimOptions, LockdepReclaimTouch, MightAlloc } from "./lockdep-fs-reclaim.js";
export { FS_RECLAIM_MAP, MMU_NOTIFIER_MAP, LOCKDEP_RECLAIM_ERAS, lockdepFsReclaim, mightAlloc } from "./lockdep-fs-reclaim.js";
