/**
 * `reclaimdep check` on scenario files: parse them (and the model), run every entry point on
 * every path through the engine, and collect findings. Files given together are one program
 * (their entry points run concurrently). Problems in the input come back as diagnostics (exit 2).
 */
import { Engine, type Finding } from "../engine/index.js";
import type { Event } from "../ir/index.js";
import type { Expectation, TranslationUnit } from "../scenario/ast.js";
import { Interpreter, reclaimTapeUsable, type AllocationChange, type AllocationSite, type ReclaimTape, type UnknownCall } from "../scenario/interpret/interpreter.js";
import { gfpTable } from "../kernel/gfp/index.js";
import { addFixHints } from "./fix-hints.js";
import { Program } from "../scenario/interpret/program.js";
import { parseScenarioFile, type Diagnostic } from "../scenario/parse/index.js";
import { fileConfig } from "./file-config.js";
import { loadModel } from "./model.js";

export interface CheckOptions {
  /**
   * Kconfig options (`PREEMPT_RT`, `PROVE_RAW_LOCK_NESTING`, `MEMORY_HOTREMOVE`), without CONFIG_;
   * added to those the files name on `// config:` lines.
   */
  readonly config?: readonly string[];
  /** Leave the bundled kernel model out. */
  readonly noModel?: boolean;
  readonly cwd?: string;
  /** Directory tree includes must stay in (default: each file's own directory). */
  readonly root?: string;
  /** Search for and verify fix hints (default true); each candidate re-runs the whole program. */
  readonly fixHints?: boolean;
}

export interface CheckStats {
  readonly events: number;
  readonly classes: number;
  readonly dependencies: number;
  readonly elapsedMs: number;
}

export type CheckResult =
  | {
      readonly ok: true;
      readonly findings: readonly Finding[];
      readonly stats: CheckStats;
      readonly unknownCalls: readonly UnknownCall[];
      readonly notes: readonly Diagnostic[];
      readonly expectations: ReadonlyMap<string, readonly Expectation[]>;
      readonly sources: Readonly<Record<string, string>>;
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly sources: Readonly<Record<string, string>> };

export async function checkScenarioFiles(paths: readonly string[], options: CheckOptions = {}): Promise<CheckResult> {
  const started = performance.now();
  const config = new Set([...(options.config ?? []).map((c) => c.replace(/^CONFIG_/, "")), ...paths.flatMap((p) => fileConfig(p, options.cwd))]);
  const units: TranslationUnit[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources: Record<string, string> = {};
  for (const path of paths) {
    const r = await parseScenarioFile(path, { config, ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.root ? { root: options.root } : {}) });
    if (!r.ok) {
      diagnostics.push(r.error);
      continue;
    }
    Object.assign(sources, r.sources);
    units.push(r.unit);
    diagnostics.push(...r.diagnostics);
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics, sources };

  const model = options.noModel ? { units: [], diagnostics: [] } : await loadModel(config);
  if (model.diagnostics.length > 0) {
    return { ok: false, diagnostics: model.diagnostics.map((d) => ({ ...d, message: `internal error in the bundled model: ${d.message}` })), sources };
  }
  const program = new Program(units, model.units);
  const result = runProgram(program, config, undefined, reclaimTapes(model.units, config, program));
  const errors = result.problems.filter((p) => !p.message.startsWith("note: "));
  if (errors.length > 0) return { ok: false, diagnostics: errors, sources };
  const entryOf = (comm: string): string => program.entryPoints.find((e) => e.name === comm)?.function ?? comm;
  const tape = result.reclaimTape;
  const recheck = (change: AllocationChange) =>
    runProgram(program, config, change, tape && reclaimTapeUsable(tape, change) ? { replay: tape } : {}).findings;
  const findings =
    options.fixHints === false ? result.findings : addFixHints(result.findings, result.allocationSites, recheck, gfpTable(), entryOf, (a, b) => result.engine.reaches(a, b));
  const expectations = new Map(units.map((u) => [u.file, u.expectations] as const));
  const stats = { ...result.stats, elapsedMs: Math.round((performance.now() - started) * 10) / 10 };
  const notes = result.problems.filter((p) => p.message.startsWith("note: "));
  // Unknown calls and notes in the bundled model are ours to fix, not the user's to read.
  const inScenario = (file: string): boolean => units.some((u) => u.files.includes(file));
  return {
    ok: true,
    findings,
    stats,
    unknownCalls: result.unknownCalls.filter((u) => inScenario(u.loc.file)),
    notes: notes.filter((n) => inScenario(n.loc.file)),
    expectations,
    sources,
  };
}

export interface ProgramRun {
  readonly findings: readonly Finding[];
  readonly stats: Omit<CheckStats, "elapsedMs">;
  readonly unknownCalls: readonly UnknownCall[];
  readonly problems: readonly Diagnostic[];
  readonly allocationSites: ReadonlyMap<string, AllocationSite>;
  /** The run's dependency graph, for questions such as Engine.reaches. */
  readonly engine: Engine;
  /** The tape of the model's runs (reclaim levels, model tasks) this run recorded or replayed, if any. */
  readonly reclaimTape: ReclaimTape | undefined;
}

/** What to do with the model's runs: replay a tape, and/or keep the tape of this run. */
export interface ReclaimTapes {
  readonly replay?: ReclaimTape;
  readonly record?: boolean;
  /** Also keep the recorded tape for later checks (hook-less scenarios). */
  readonly share?: (tape: ReclaimTape) => void;
}

/**
 * Tapes of the model's runs (reclaim levels and the model's tasks), kept per parsed model and
 * configuration for scenarios that do not shape reclaim (Program.scenarioShapesReclaim) and run
 * the same model entry points: their model runs are the same events every time, so a warm
 * process replays them.
 */
const sharedTapes = new WeakMap<readonly TranslationUnit[], Map<string, ReclaimTape>>();

function reclaimTapes(model: readonly TranslationUnit[], config: ReadonlySet<string>, program: Program): ReclaimTapes {
  if (program.scenarioShapesReclaim) return { record: true };
  let byConfig = sharedTapes.get(model);
  if (!byConfig) {
    byConfig = new Map();
    sharedTapes.set(model, byConfig);
  }
  const key = [...config].sort().join(",");
  const known = byConfig.get(key);
  if (known) return { replay: known };
  const store = byConfig;
  return { record: true, share: (t) => store.set(key, t) };
}

/** Where runProgram files an event the engine refused (a bug of ours, never a result). */
export const INTERNAL_FILE = "<internal>";

/** Runs a program (scenario and model units) through the interpreter and a fresh engine. */
export function runProgram(program: Program, config: ReadonlySet<string>, change?: AllocationChange, tapes: ReclaimTapes = {}): ProgramRun {
  const engine = new Engine({ preemptRt: config.has("PREEMPT_RT"), proveRawLockNesting: config.has("PROVE_RAW_LOCK_NESTING") });
  const internal: string[] = [];
  const sink = (e: Event): void => {
    const err = engine.apply(e);
    if (err) internal.push(err.message);
  };
  let recorded: ReclaimTape | undefined = tapes.replay;
  const interpreter = new Interpreter(program, sink, {
    config,
    ...(change ? { change } : {}),
    ...(tapes.replay ? { replayReclaim: tapes.replay } : {}),
    ...(tapes.record && !tapes.replay
      ? {
          recordReclaim: (t: ReclaimTape) => {
            recorded = t;
            tapes.share?.(t);
          },
        }
      : {}),
  });
  interpreter.run();
  const s = engine.stats();
  const problems: Diagnostic[] = [...program.problems, ...interpreter.problems];
  // The interpreter emits well-formed events; an engine error here is a bug of ours.
  for (const m of internal) problems.push({ loc: { file: INTERNAL_FILE }, message: `note: internal: ${m}` });
  return {
    findings: engine.findings(),
    stats: { events: s.events, classes: s.classes, dependencies: s.dependencies },
    unknownCalls: interpreter.unknownCalls,
    problems,
    allocationSites: interpreter.allocationSites,
    engine,
    reclaimTape: recorded,
  };
}
