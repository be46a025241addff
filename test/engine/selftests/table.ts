/**
 * The selftest table (`selftests.json`, notation in its `meta` block) read into typed cases.
 * The file is a fixture but still input: every field the suite uses is checked, and a malformed
 * entry is an error value naming the place, never a throw.
 */
import { readFileSync } from "node:fs";

export const TABLE_FILE = "selftests.json";

/** A position in a case: the op at index `op` of task `task`. */
export interface OpRef {
  readonly task: string;
  readonly op: number;
}

export interface SelftestTask {
  readonly name: string;
  readonly ops: readonly string[];
}

export interface SelftestConfig {
  /** The selftest's `force_read_lock_recursive` flag. */
  readonly readLockRecursive: boolean;
  readonly proveRawLockNesting: boolean;
}

export const CONFIDENCES = ["high", "medium", "low"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export interface SelftestCase {
  readonly name: string;
  readonly group: string;
  readonly config: SelftestConfig;
  readonly tasks: readonly SelftestTask[];
  /** Verdict in the table's vocabulary (`ok`, `deadlock`, …) and in DESIGN's (`none`, `circular-dependency`, …). */
  readonly expect: string;
  readonly kind: string;
  readonly detail?: string;
  readonly failsAt?: OpRef;
  readonly confidence: Confidence;
}

export type TableResult = { readonly cases: readonly SelftestCase[] } | { readonly error: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";

class TableError {
  constructor(readonly message: string) {}
}

function field<T>(obj: Json, key: string, where: string, check: (v: unknown) => v is T, what: string): T {
  const value = obj[key];
  if (!check(value)) throw new TableError(`${where}.${key}: expected ${what}`);
  return value;
}

function optional<T>(obj: Json, key: string, where: string, check: (v: unknown) => v is T, what: string): T | undefined {
  return obj[key] === undefined ? undefined : field(obj, key, where, check, what);
}

function readTask(raw: unknown, where: string): SelftestTask {
  if (!isObject(raw)) throw new TableError(`${where}: expected an object`);
  const ops = field(raw, "ops", where, Array.isArray, "an array of op strings");
  ops.forEach((op, i) => {
    if (!isString(op)) throw new TableError(`${where}.ops[${i}]: expected a string`);
  });
  return { name: field(raw, "name", where, isString, "a string"), ops: ops as string[] };
}

function readConfig(raw: unknown, where: string): SelftestConfig {
  if (raw === undefined || raw === null) return { readLockRecursive: false, proveRawLockNesting: false };
  if (!isObject(raw)) throw new TableError(`${where}: expected an object or null`);
  const flag = (key: string) => optional(raw, key, where, (v): v is boolean => typeof v === "boolean", "a boolean") ?? false;
  return { readLockRecursive: flag("read_lock_recursive"), proveRawLockNesting: flag("prove_raw_lock_nesting") };
}

function readFailsAt(raw: unknown, where: string, tasks: readonly SelftestTask[]): OpRef | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) throw new TableError(`${where}: expected {task, op}`);
  const task = field(raw, "task", where, isString, "a task name");
  const op = field(raw, "op", where, (v): v is number => Number.isInteger(v), "an op index");
  const ops = tasks.find((t) => t.name === task)?.ops;
  if (ops === undefined || op < 0 || op >= ops.length) throw new TableError(`${where}: no op ${op} in task "${task}"`);
  return { task, op };
}

function readCase(raw: unknown, where: string): SelftestCase {
  if (!isObject(raw)) throw new TableError(`${where}: expected an object`);
  const name = field(raw, "name", where, isString, "a string");
  const at = `${where} (${name})`;
  const rawTasks = field(raw, "tasks", at, Array.isArray, "an array of tasks");
  const tasks = rawTasks.map((t, i) => readTask(t, `${at}.tasks[${i}]`));
  const confidence = field(raw, "confidence", at, (v): v is Confidence => CONFIDENCES.includes(v as Confidence), "high|medium|low");
  const detail = optional(raw, "detail", at, isString, "a string");
  const failsAt = readFailsAt(raw["fails_at"], `${at}.fails_at`, tasks);
  return {
    name,
    group: field(raw, "group", at, isString, "a string"),
    config: readConfig(raw["config"], `${at}.config`),
    tasks,
    expect: field(raw, "expect", at, isString, "a string"),
    kind: field(raw, "kind", at, isString, "a string"),
    confidence,
    ...(detail === undefined ? {} : { detail }),
    ...(failsAt === undefined ? {} : { failsAt }),
  };
}

/** Checks a parsed `selftests.json` document. */
export function parseSelftestTable(doc: unknown): TableResult {
  try {
    if (!isObject(doc)) throw new TableError(`${TABLE_FILE}: expected an object`);
    const rawCases = field(doc, "cases", TABLE_FILE, Array.isArray, "an array of cases");
    const cases = rawCases.map((c, i) => readCase(c, `${TABLE_FILE}: cases[${i}]`));
    const count = doc["count"];
    if (count !== cases.length) return { error: `${TABLE_FILE}: count is ${String(count)} but ${cases.length} cases are listed` };
    const names = new Set<string>();
    for (const c of cases) {
      if (names.has(c.name)) return { error: `${TABLE_FILE}: case name "${c.name}" appears twice` };
      names.add(c.name);
    }
    return { cases };
  } catch (e) {
    if (e instanceof TableError) return { error: e.message };
    throw e;
  }
}

/** Reads the copy of the table that sits beside this module. */
export function loadSelftestTable(): TableResult {
  const text = readFileSync(new URL(`./${TABLE_FILE}`, import.meta.url), "utf8");
  try {
    return parseSelftestTable(JSON.parse(text));
  } catch (e) {
    return { error: `${TABLE_FILE}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
