/** The scenario parser: C scenario files → {@link TranslationUnit} (src/scenario/ast.ts). */
export { parseScenarioFile, parseScenarioSource, type ParseOptions, type ParseResult } from "./scenario.js";
export { formatDiagnostic, formatPlace, type Diagnostic, type FilePlace } from "./diagnostic.js";
export { nodeSourceHost, memorySourceHost, MAX_SCENARIO_BYTES, type SourceHost, type ReadOutcome } from "./source-host.js";
