export { registerBenchmark, registeredBenchmarks } from "./registry.js";
export type { Benchmark, BenchContext, BenchResult, FigureTable } from "./registry.js";
export { renderSection, replaceSection } from "./results-file.js";
export type { RunProvenance, ResultsFileError } from "./results-file.js";
export { tableAsText, tableAsMarkdown } from "./table.js";
export { parseRunArgs, commandLine, USAGE } from "./args.js";
export type { RunOptions, UsageError } from "./args.js";
export { formatBytes, formatCount, formatRate, median } from "./format.js";
