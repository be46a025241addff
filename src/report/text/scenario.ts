/**
 * "Possible unsafe locking scenario" tables, laid out as `print_circular_lock_scenario`,
 * `print_deadlock_scenario`, `print_usage_bug_scenario` and `print_irq_lock_scenario` print
 * them (kernel/locking/lockdep.c): column headers at 7 spaces, CPU0 lines at 2 spaces, CPU1
 * lines at 31, a line inside `<Interrupt>` 2 further in, then ` *** DEADLOCK ***`.
 */
import type { Scenario, ScenarioStep } from "../../engine/finding.js";
import { printable } from "../printable.js";

const HEADERS = {
  1: ["       CPU0", "       ----"],
  2: ["       CPU0                    CPU1", "       ----                    ----"],
} as const;

/** Where each CPU's column starts; `<Interrupt>` bodies are indented two more. */
const COLUMN_INDENT = { 0: 2, 1: 31 } as const;
const INTERRUPT_INDENT = 2;

function stepLine(step: ScenarioStep): string {
  const indent = COLUMN_INDENT[step.cpu] + (step.inInterrupt === true ? INTERRUPT_INDENT : 0);
  return " ".repeat(indent) + printable(step.op);
}

/**
 * `Chain exists of:` (only when the scenario carries one): the kernel prints it with no
 * brackets, `Chain exists of:\n  A --> B --> C\n\n` — the brackets in lockdep-reports.md mark
 * the block as optional.
 */
function chainLines(chain: readonly string[] | undefined): string[] {
  if (chain === undefined || chain.length === 0) return [];
  return ["Chain exists of:", `  ${chain.map(printable).join(" --> ")}`, ""];
}

/** The whole block, from `Chain exists of:` (if any) to the empty line after `*** DEADLOCK ***`. */
export function scenarioLines(scenario: Scenario): string[] {
  return [
    ...chainLines(scenario.chainExistsOf),
    ` ${printable(scenario.header)}:`,
    "",
    ...HEADERS[scenario.cpus],
    ...scenario.steps.map(stepLine),
    "",
    " *** DEADLOCK ***",
    "",
  ];
}
