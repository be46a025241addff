/** Kernel semantics on top of the engine: GFP algebra, allocation and reclaim, the API vocabulary. */
export * from "./gfp/index.js";
export { API_VOCABULARY } from "./api/vocabulary.js";
export type { ApiMeaning, ApiOp, EventPrefix, LockSideEffect } from "./api/vocabulary.js";
export { allocationActions } from "./allocation.js";
export type { AllocationActions } from "./allocation.js";
export { ALLOCATION_LOCKS, FIX_CANDIDATES, SIGNALLER_FIX_CANDIDATES, weakens } from "./fix-candidates.js";
export type { FixCandidate } from "./fix-candidates.js";
