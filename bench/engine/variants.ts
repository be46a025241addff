/**
 * The runs the engine benchmark makes. The two clean runs share one pool (same seed and shape), so
 * their classes and edges are equal and any heap difference would come from stream length alone.
 */
import type { VariantRequest } from "./protocol.js";
import { DEFAULT_STREAM_OPTIONS } from "./stream.js";

const MILLION = 1_000_000;
const ABBA = { pairs: 16, share: 0.05 } as const;
const QUICK_STREAM = { ...DEFAULT_STREAM_OPTIONS, eventsPerTask: 1024 } as const;

export const ENGINE_VARIANTS = {
  full: [
    { label: "clean 10M", stream: DEFAULT_STREAM_OPTIONS, plan: { warmupPasses: 3, measuredEvents: 10 * MILLION, sampleEvery: MILLION } },
    { label: "clean 20M", stream: DEFAULT_STREAM_OPTIONS, plan: { warmupPasses: 3, measuredEvents: 20 * MILLION, sampleEvery: MILLION } },
    { label: "ABBA 5% 10M", stream: { ...DEFAULT_STREAM_OPTIONS, abba: ABBA }, plan: { warmupPasses: 3, measuredEvents: 10 * MILLION, sampleEvery: MILLION } },
    { label: "records 10M", stream: DEFAULT_STREAM_OPTIONS, plan: { warmupPasses: 3, measuredEvents: 10 * MILLION, sampleEvery: MILLION }, form: "records" },
    { label: "records 20M", stream: DEFAULT_STREAM_OPTIONS, plan: { warmupPasses: 3, measuredEvents: 20 * MILLION, sampleEvery: MILLION }, form: "records" },
  ],
  quick: [
    { label: "clean 0.5M", stream: QUICK_STREAM, plan: { warmupPasses: 2, measuredEvents: MILLION / 2, sampleEvery: MILLION / 10 } },
    { label: "clean 1M", stream: QUICK_STREAM, plan: { warmupPasses: 2, measuredEvents: MILLION, sampleEvery: MILLION / 10 } },
    { label: "ABBA 5% 0.5M", stream: { ...QUICK_STREAM, abba: ABBA }, plan: { warmupPasses: 2, measuredEvents: MILLION / 2, sampleEvery: MILLION / 10 } },
    { label: "records 1M", stream: QUICK_STREAM, plan: { warmupPasses: 2, measuredEvents: MILLION, sampleEvery: MILLION / 10 }, form: "records" },
  ],
} as const satisfies Record<"full" | "quick", readonly VariantRequest[]>;
