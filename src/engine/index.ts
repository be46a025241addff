export type { Finding, FindingKind, FindingDetail, ClassInfo, HeldLockInfo, Dependency, Scenario, ScenarioStep, TaskInfo, SleepReason } from "./finding.js";
export { FINDING_KINDS, FINDING_TITLES, SLEEP_REASONS } from "./finding.js";
export { Engine } from "./engine.js";
export type { EngineConfig, EngineError, EngineStats } from "./engine.js";
export { spinsWithPreemptionOff } from "./lock-kinds.js";
