/**
 * Snapshots of engine state in the words reports use (ClassInfo, HeldLockInfo, TaskInfo) and the
 * "Possible unsafe locking scenario" tables of lockdep.c (print_circular_lock_scenario,
 * print_deadlock_scenario, print_usage_bug_scenario, print_irq_lock_scenario).
 */
import type { AcquireMode } from "../ir/index.js";
import type { ClassTable } from "./classes.js";
import type { ClassInfo, HeldLockInfo, Scenario, ScenarioStep, TaskInfo } from "./finding.js";
import { usageChars } from "./usage.js";
import type { WaitNumbers } from "./wait-types.js";
import type { HeldLock } from "./held-stack.js";
import type { TaskState } from "./task-state.js";

const MODES: readonly AcquireMode[] = ["write", "read", "recursive-read"];

export class Describer {
  constructor(
    private readonly classes: ClassTable,
    private readonly wait: WaitNumbers,
  ) {}

  classInfo(cls: number): ClassInfo {
    const traits = this.classes.traits(cls);
    const inner = this.wait.of(traits.inner);
    const outer = traits.outer === traits.inner ? inner : this.wait.of(traits.outer);
    return { name: this.classes.name[cls]!, usage: usageChars(this.classes.usage[cls]!), wait: { outer, inner } };
  }

  /** A held entry, or a lock as usage checks see it (its class, how it is held, where). */
  held(h: Pick<HeldLock, "cls" | "read" | "stack"> & { readonly trylock?: boolean }): HeldLockInfo {
    return { ...this.classInfo(h.cls), mode: MODES[h.read]!, trylock: h.trylock ?? false, stack: h.stack };
  }

  heldLocks(task: TaskState): HeldLockInfo[] {
    return task.held.entries().map((h) => this.held(h));
  }

  task(task: TaskState): TaskInfo {
    return {
      name: task.name,
      pid: task.pid,
      irq: {
        hardirq: task.hardirqDepth > 0 ? 1 : 0,
        softirq: task.softirqDepth > 0 ? 1 : 0,
        hardirqsEnabled: task.hardirqsEnabled,
        softirqsEnabled: task.softirqsEnabled,
      },
    };
  }

  name(cls: number): string {
    return this.classes.name[cls]!;
  }
}

const step = (cpu: 0 | 1, op: string, inInterrupt?: boolean): ScenarioStep => (inInterrupt ? { cpu, op, inInterrupt } : { cpu, op });
const verb = (read: number): string => (read !== 0 ? "rlock" : "lock");

/** Two CPUs closing a cycle: CPU0 holds `held` and wants `next`; CPU1 took `parent` then wants `held`. */
export function circularScenario(next: string, nextRead: number, held: string, heldRead: number, parent: string): Scenario {
  return {
    header: "Possible unsafe locking scenario",
    cpus: 2,
    ...(parent !== next ? { chainExistsOf: [next, parent, held] } : {}),
    steps: [
      step(0, `${verb(heldRead)}(${held});`),
      step(1, `lock(${parent});`),
      step(1, `lock(${held});`),
      step(0, `${verb(nextRead)}(${next});`),
    ],
  };
}

export function recursiveScenario(held: string, heldRead: number, next: string, nextRead: number): Scenario {
  return {
    header: "Possible unsafe locking scenario",
    cpus: 1,
    steps: [step(0, `${verb(heldRead)}(${held});`), step(0, `${verb(nextRead)}(${next});`)],
  };
}

export function usageScenario(lock: string): Scenario {
  return {
    header: "Possible unsafe locking scenario",
    cpus: 1,
    steps: [step(0, `lock(${lock});`), step(0, "<Interrupt>"), step(0, `lock(${lock});`, true)],
  };
}

/** An interrupt taking `safe` on the CPU that holds `unsafe`, while another CPU holds safe → middle. */
export function irqScenario(safe: string, unsafe: string, middleIn: string, other: string): Scenario {
  const middle = middleIn === safe ? other : middleIn;
  return {
    header: "Possible interrupt unsafe locking scenario",
    cpus: 2,
    ...(middle !== unsafe ? { chainExistsOf: [safe, middle, unsafe] } : {}),
    steps: [
      step(0, `lock(${unsafe});`),
      step(1, "local_irq_disable();"),
      step(1, `lock(${safe});`),
      step(1, `lock(${middle});`),
      step(0, "<Interrupt>"),
      step(0, `lock(${safe});`, true),
    ],
  };
}
