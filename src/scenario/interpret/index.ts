/** The path-exploring interpreter: scenario units to engine events. */
export { Interpreter, siteKey } from "./interpreter.js";
export type { AllocationChange, AllocationSite, InterpretOptions, UnknownCall } from "./interpreter.js";
export { Program, lockKindOfType, workKey } from "./program.js";
export type { EntryPoint, EntryContext, Hooks, ProblemReport } from "./program.js";
