/** Renderers of findings: lockdep-format text and the JSON of DESIGN.md §6. */
export { renderText, identityLine } from "./text/index.js";
export type { TextOptions } from "./text/index.js";
export { renderJson, toJsonReport } from "./json.js";
export type { JsonReport, JsonFinding, JsonDependency, JsonFrame, JsonStats } from "./json.js";
export { printable } from "./printable.js";
