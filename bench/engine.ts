/**
 * Engine benchmark (DESIGN.md §7): the engine alone on a generated stream — 64 tasks, 2,048
 * classes, nesting to depth 8, trylocks, readers, irq/bh-off sections, hardirq and softirq
 * segments — measured in steady state at 10M and 20M events (memory must not grow with length)
 * and with a 5 % ABBA sprinkle (cost when findings exist). Generator: bench/engine/.
 */
import { registerBenchmark } from "./lib/index.js";
import { ENGINE_VARIANTS, runVariantInChild, summarise } from "./engine/index.js";
import type { VariantReport } from "./engine/index.js";

registerBenchmark({
  name: "engine",
  summary: "engine.apply() events/s and memory on a generated 64-task stream",
  async run({ quick, log }) {
    const reports: VariantReport[] = [];
    for (const variant of quick ? ENGINE_VARIANTS.quick : ENGINE_VARIANTS.full) {
      log(`  engine: ${variant.label} ...`);
      reports.push(await runVariantInChild(variant));
    }
    return summarise(reports, quick);
  },
});
