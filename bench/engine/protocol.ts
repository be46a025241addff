/** What the engine benchmark sends to a variant's child process and what it gets back. */
import type { ReplayFigures, ReplayPlan } from "./replay.js";
import type { EngineStream, EngineStreamOptions } from "./stream.js";

export interface VariantRequest {
  readonly label: string;
  readonly stream: EngineStreamOptions;
  readonly plan: ReplayPlan;
  /** `records`: the same pool encoded once as Int32 records (src/ir/records.ts), applied with applyRecords. */
  readonly form?: "objects" | "records";
}

export interface VariantReport {
  readonly label: string;
  readonly poolEvents: number;
  readonly classesDefined: number;
  /** Class pairs taken in both orders (0 on a clean stream). */
  readonly abbaPairs: number;
  readonly profile: EngineStream["profile"];
  readonly buildMs: number;
  /** The child's own footprint before the stream exists (Node + tsx), to read the rest against. */
  readonly atStart: { readonly heapUsed: number; readonly rss: number };
  readonly figures: ReplayFigures;
}
