/**
 * Compares what the engine did on a case with what it should have done. Returns the problems
 * as sentences (empty = conforms), so a failing case says what differed.
 */
import type { Expectation } from "./expectations.js";
import type { OpRef } from "./table.js";
import { describePlace, type Run } from "./run.js";

const sameOp = (a: OpRef | null, b: OpRef): boolean => a !== null && a.task === b.task && a.op === b.op;

export function judgeRun(expectation: Expectation, run: Run): readonly string[] {
  const errorsUpTo = (seq: number) =>
    run.errors.filter((e) => e.seq <= seq).map((e) => `error value at ${describePlace(e)} (${e.event}): ${e.message}`);

  if (expectation.verdict === "ok") {
    return [...errorsUpTo(Infinity), ...run.findings.map((f) => `unexpected finding ${f.kind}: ${f.title}`)];
  }
  const first = run.first;
  if (first === null) return [...errorsUpTo(Infinity), `expected ${expectation.kind}, got no finding`];
  const problems = [...errorsUpTo(first.seq)];
  const { finding } = first;
  const where = describePlace(first);
  if (finding.kind !== expectation.kind) problems.push(`first finding is ${finding.kind} at ${where}, expected ${expectation.kind}`);
  const failsAt = expectation.failsAt;
  if (failsAt !== undefined && !sameOp(first.at, failsAt)) {
    problems.push(`first finding (${finding.kind}) fired at ${where}, expected ${failsAt.task} op ${failsAt.op}`);
  }
  const usage = expectation.usage;
  if (usage !== undefined) {
    const d = finding.detail;
    const got = d.kind === "inconsistent-lock-state" ? `{${d.old}} -> {${d.new}}` : `no usage pair (${d.kind})`;
    if (got !== `{${usage.old}} -> {${usage.new}}`) problems.push(`usage ${got}, expected {${usage.old}} -> {${usage.new}}`);
  }
  const context = expectation.context;
  if (context !== undefined) {
    const d = finding.detail;
    const got = d.kind === "invalid-wait-context" ? `context-{${d.context}:${d.context}}` : `no wait context (${d.kind})`;
    if (got !== `context-{${context}:${context}}`) problems.push(`${got}, expected context-{${context}:${context}}`);
  }
  return problems;
}
