/**
 * The engine's state, shared by the checks: classes, the dependency graph, the chain cache,
 * tasks and the findings log. Checks are functions over it, one module per report.
 */
import type { Stack, TaskId } from "../ir/index.js";
import { ChainCache } from "./chain-cache.js";
import { ClassTable } from "./classes.js";
import { Describer } from "./describe.js";
import type { Finding, FindingDetail, Scenario } from "./finding.js";
import { FindingsLog } from "./findings-log.js";
import { DependencyGraph } from "./graph.js";
import { PathSearch } from "./search.js";
import type { TaskState } from "./task-state.js";
import { waitNumbers, type WaitNumbers } from "./wait-types.js";
import type { Dependency } from "./finding.js";

export interface CoreConfig {
  readonly rawNesting: boolean;
  readonly preemptRt: boolean;
  readonly readLockRecursive: boolean;
}

/** A ww_mutex acquire context's DEBUG_WW_MUTEX state. */
export interface WwContextState {
  done: boolean;
  acquired: number;
  contending: number | undefined;
}

export class EngineCore {
  readonly classes: ClassTable;
  readonly graph = new DependencyGraph();
  readonly search: PathSearch;
  readonly chains = new ChainCache();
  readonly log = new FindingsLog();
  readonly tasks = new Map<TaskId, TaskState>();
  readonly ww = new Map<number, WwContextState>();
  readonly wait: WaitNumbers;
  readonly describe: Describer;

  constructor(readonly config: CoreConfig) {
    this.wait = waitNumbers(config.rawNesting);
    this.classes = new ClassTable({ waitNumber: this.wait.of, preemptRt: config.preemptRt });
    this.search = new PathSearch(this.graph);
    this.describe = new Describer(this.classes, this.wait);
  }

  /** The dependency `edge` as report data. */
  dependency(edge: number): Dependency {
    const g = this.graph;
    const via = g.via[edge];
    return { from: this.describe.classInfo(g.from[edge]!), to: this.describe.classInfo(g.to[edge]!), stack: g.stack[edge]!, ...(via ? { via } : {}) };
  }

  /** Builds a finding with the task's current state; `locks` are class indices. */
  finding(
    task: TaskState,
    title: string,
    detail: FindingDetail,
    stack: Stack,
    parts: { locks?: readonly number[]; lockNames?: readonly string[]; chain?: readonly Dependency[]; scenario?: Scenario | null } = {},
  ): Finding {
    return {
      kind: detail.kind,
      title,
      task: this.describe.task(task),
      locks: parts.lockNames ?? (parts.locks ?? []).map((c) => this.classes.name[c]!),
      chain: parts.chain ?? [],
      stack,
      heldLocks: this.describe.heldLocks(task),
      scenario: parts.scenario ?? null,
      detail,
      fix: null,
    };
  }
}

/** A stable text for "where": the innermost frame. */
export function siteOf(stack: Stack): string {
  const f = stack[0];
  return f ? `${f.function}@${f.file ?? ""}:${f.line ?? ""}` : "?";
}
