/**
 * Assembles a scenario skeleton: lock definitions, one function per code path the report shows,
 * their entry points (TASK / IRQ_HANDLER / SOFTIRQ_HANDLER / SHRINKER hooks) in the order the
 * report's events happened, and the machine-readable lines a round trip reads:
 *
 *   // config: OPTION...   check with `reclaimdep check --expect --config OPTION` (the
 *                          configuration the report was produced under);
 *   // partial: WHY        the report was cut short; `// expect:` names only what the skeleton
 *                          reproduces (or is absent);
 *   // expect: KIND LOCK...  what `check --expect` must find (SCENARIO-LANGUAGE.md).
 */
import type { SplatReport } from "./report.js";
import type { FindingKind } from "../engine/finding.js";
import { commentSafe, LockCoder } from "./scenario-lock-code.js";
import type { LockKind, LockMode } from "./scenario-lock-kinds.js";
import { FS_RECLAIM } from "./vocabulary.js";

export type EntryKind = "TASK" | "IRQ_HANDLER" | "SOFTIRQ_HANDLER";

/** A lock a path takes: its class and, where it matters, the mode. */
export interface Take {
  readonly name: string;
  readonly mode?: LockMode;
}

export interface PathOptions {
  readonly entry?: EntryKind;
  /** Hard interrupts off around the whole path (`local_irq_disable()`), as lockdep's table shows. */
  readonly irqsOff?: boolean;
  /** Statements after the locks are taken (sleeps, allocations, re-initialisations). */
  readonly body?: readonly string[];
  /** Return with the locks still held (held-lock-at-exit). */
  readonly keepHeld?: boolean;
}

const ALLOCATE = "kfree(kmalloc(64, GFP_KERNEL));";
const PREFIX: Readonly<Record<EntryKind, string>> = { TASK: "path", IRQ_HANDLER: "irq", SOFTIRQ_HANDLER: "softirq" };

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

export class ScenarioBuilder {
  readonly locks: LockCoder;
  private readonly functions: string[] = [];
  private readonly entries: string[] = [];
  private readonly notes: string[] = [];
  private readonly config = new Set<string>();
  private partialWhy: string | null = null;
  private expectLine: string | null = null;
  private count = 0;

  constructor(kinds: ReadonlyMap<string, LockKind>) {
    this.locks = new LockCoder(kinds);
  }

  /** A sentence for the header (why the skeleton looks as it does). */
  note(text: string): void {
    this.notes.push(text);
  }

  needConfig(option: string): void {
    this.config.add(option);
  }

  partial(why: string): void {
    this.partialWhy ??= why;
  }

  get isPartial(): boolean {
    return this.partialWhy !== null;
  }

  expect(kind: FindingKind, locks: readonly string[] = []): void {
    const names = [...new Set(locks)];
    // A name with white space cannot be written on an expect line: then the kind alone (any locks).
    const writable = names.every((n) => n !== "" && !/\s/.test(n));
    this.expectLine = `${kind}${writable && names.length > 0 ? ` ${names.join(" ")}` : ""}`;
  }

  /** One function taking `held` (outer to inner), then `body`, registered as an entry point. */
  path(comment: string, held: readonly Take[], options: PathOptions = {}): void {
    const entry = options.entry ?? "TASK";
    const fn = `${PREFIX[entry]}_${++this.count}`;
    const lines: string[] = [];
    const releases: string[] = [];
    if (options.irqsOff) lines.push("local_irq_disable();");
    for (const lock of held) {
      const code = this.locks.call(lock.name, lock.mode);
      lines.push(`${code.acquire};`);
      releases.unshift(`${code.release};`);
    }
    lines.push(...(options.body ?? []));
    if (!options.keepHeld) lines.push(...releases);
    if (options.irqsOff) lines.push("local_irq_enable();");
    this.functions.push(`/* ${commentSafe(comment)} */\nstatic void ${fn}(void)\n{\n${lines.map((l) => `        ${l}`).join("\n")}\n}`);
    this.entries.push(`${entry}(${fn});`);
  }

  /** `held` over an allocation that may enter filesystem reclaim: fs_reclaim is taken under them. */
  allocating(comment: string, held: readonly Take[], options: Omit<PathOptions, "body"> = {}): void {
    this.path(comment, held, { ...options, body: [`${ALLOCATE}   /* enters fs_reclaim */`] });
  }

  /**
   * `taken` acquired while `held` is held. fs_reclaim is lockdep's stand-in for reclaim
   * (mm/page_alloc.c): taking it is a GFP_KERNEL allocation, holding it is being called from
   * reclaim, which the model does for every registered shrinker at every reclaim level.
   */
  edge(comment: string, held: Take, taken: Take, options: Omit<PathOptions, "body" | "keepHeld"> = {}): void {
    if (taken.name === FS_RECLAIM) this.allocating(comment, [held], options);
    else if (held.name === FS_RECLAIM) this.shrinker(comment, [taken]);
    else this.path(comment, [held, taken], options);
  }

  /** A shrinker whose scan callback takes `held` (the model's reclaim holds fs_reclaim around it). */
  shrinker(comment: string, held: readonly Take[]): void {
    const id = ++this.count;
    const codes = held.map((t) => this.locks.call(t.name, t.mode));
    const body = [...codes.map((c) => `${c.acquire};`), ...[...codes].reverse().map((c) => `${c.release};`), "return 0;"];
    this.functions.push(
      `/* ${commentSafe(comment)} */\nstatic unsigned long count_${id}(struct shrinker *s, struct shrink_control *sc)\n{\n        return 1;\n}\n\n` +
        `static unsigned long scan_${id}(struct shrinker *s, struct shrink_control *sc)\n{\n${body.map((l) => `        ${l}`).join("\n")}\n}`,
    );
    this.entries.push(`SHRINKER(count_${id}, scan_${id});`);
  }

  render(report: SplatReport): string {
    const config = [...this.config];
    const header = [
      `/* Scenario skeleton generated by reclaimdep explain --to-scenario from:`,
      ` *   ${commentSafe(report.title)}${report.kernel ? ` (${commentSafe(report.kernel)})` : ""}, input line ${report.line}`,
      ...this.notes.flatMap((n) => wrap(commentSafe(n), 92).map((line) => ` * ${line}`)),
      ` * Lock kinds come from the report's traces and wait types; a class name that is no C`,
      ` * expression is kept exact with STATIC_LOCKDEP_MAP_INIT("name", &key).`,
      ...(config.length > 0 ? [` * Check with: reclaimdep check --expect --config ${config.join(" --config ")} (the report's configuration).`] : []),
      ...(this.partialWhy !== null ? [` * PARTIAL: the report was cut short; the expect line names only what this skeleton reproduces.`] : []),
      ` */`,
    ];
    const machine = [...(config.length > 0 ? [`// config: ${config.join(" ")}`] : []), ...(this.partialWhy !== null ? [`// partial: ${commentSafe(this.partialWhy)}`] : [])];
    const parts = [
      [...header, ...machine].join("\n"),
      ...(this.locks.definitions.length > 0 ? [this.locks.definitions.join("\n")] : []),
      ...this.functions,
      ...(this.entries.length > 0 ? [this.entries.join("\n")] : []),
      this.expectLine !== null ? `// expect: ${commentSafe(this.expectLine)}` : "/* no expect line: nothing here is known to reproduce the report's finding */",
    ];
    return `${parts.join("\n\n")}\n`;
  }
}
