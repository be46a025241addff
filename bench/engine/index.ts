export { buildEngineStream, DEFAULT_STREAM_OPTIONS } from "./stream.js";
export type { EngineStream, EngineStreamOptions } from "./stream.js";
export type { BenchClass } from "./classes.js";
export { encodePool, replay } from "./replay.js";
export type { EngineUnderTest } from "./replay.js";
export { ENGINE_VARIANTS } from "./variants.js";
export { runVariantInChild } from "./fork.js";
export { summarise } from "./summary.js";
export type { VariantReport } from "./protocol.js";
