/** Public surface of the splat (lockdep / might_sleep report) parser and its renderers. */
export type * from "./report.js";
export { normalizeLine, type NormalizedLine } from "./normalize.js";
export { linesOf, type Chunk } from "./lines.js";
export { splitReports, type RawReport, type SplitOptions } from "./split.js";
export { parseFrame } from "./frames.js";
export { parseLockLine } from "./locks.js";
export { parseReport } from "./parse.js";
export { parseSplats, parseSplatText } from "./stream.js";
export { explainReport, explainReports } from "./explain.js";
export { renderJson, toExplainJson, toJsonReport, type ExplainJson, type ExplainJsonReport } from "./json.js";
export { renderDot, dotQuote } from "./dot.js";
export { toScenario } from "./to-scenario.js";
