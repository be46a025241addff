/**
 * The engine benchmark's input: a prelude (class definitions, task starts) applied once, and a
 * fixed pool of interleaved events replayed cyclically for as long as the run needs. All memory
 * is in the pool, so the generator's footprint does not grow with the number of events replayed.
 */
import type { ClassId, Event, TaskStartEvent } from "../../src/ir/index.js";
import { CLASSES_PER_SUBSYSTEM, buildClassCatalogue } from "./classes.js";
import type { BenchClass, ClassCatalogue } from "./classes.js";
import { addEvents, type EventsPlan } from "./events.js";
import { interleave } from "./interleave.js";
import { createPrng } from "./prng.js";
import type { Prng } from "./prng.js";
import { emptyProfile, writeTaskScript } from "./script.js";
import type { AbbaPlan, ScriptProfile } from "./script.js";

export interface EngineStreamOptions {
  readonly seed: number;
  readonly tasks: number;
  /** At least this many classes are defined (rounded up to whole subsystems of 32). */
  readonly minClasses: number;
  /** Length of each task's script; the pool holds about `tasks × eventsPerTask` events. */
  readonly eventsPerTask: number;
  readonly maxDepth: number;
  /** Every n-th task takes hardirqs and softirqs. */
  readonly irqTaskEvery: number;
  /** Chance per opportunity that an interrupt arrives on such a task. */
  readonly irqChance: number;
  /** Longest run of one task's events before the scheduler switches. */
  readonly maxBurst: number;
  /** Adds ABBA pairs taking `share` of the events (the "with findings" variant). */
  readonly abba?: { readonly pairs: number; readonly share: number };
  /** Adds waits on events and signal dependencies (the "with events" variant, events.ts). */
  readonly events?: EventsPlan;
}

export const DEFAULT_STREAM_OPTIONS: EngineStreamOptions = {
  seed: 0x5eed,
  tasks: 64,
  minClasses: 2048,
  eventsPerTask: 8192,
  maxDepth: 8,
  irqTaskEvery: 4,
  irqChance: 0.03,
  maxBurst: 8,
};

export interface EngineStream {
  readonly options: EngineStreamOptions;
  /** define-class for every class, then task-start for every task. */
  readonly prelude: readonly Event[];
  /** Replayed cyclically; every task's script appears once, in program order. */
  readonly pool: readonly Event[];
  /** Per task (index = task id − 1): its script, for checks. */
  readonly scripts: readonly (readonly Event[])[];
  readonly classes: ClassCatalogue;
  readonly abbaPairs: readonly (readonly [BenchClass, BenchClass])[];
  readonly profile: ScriptProfile & { readonly classesUsed: number };
}

const TASK_NAMES = ["kworker/u16:3", "kswapd0", "fio", "systemd-udevd", "jbd2/sda1-8", "ksoftirqd/1", "qemu-kvm", "git"] as const;

/** Mutex pairs of one subsystem each, lower rank first (the order the clean stream uses). */
function choosePairs(classes: ClassCatalogue, count: number, prng: Prng): (readonly [BenchClass, BenchClass])[] {
  const pairs: (readonly [BenchClass, BenchClass])[] = [];
  while (pairs.length < count) {
    const mutexes = (classes.bySubsystem[prng.below(classes.bySubsystem.length)] ?? []).filter((c) => c.lock === "mutex");
    const a = mutexes[prng.below(mutexes.length)];
    const b = mutexes[prng.below(mutexes.length)];
    if (a === undefined || b === undefined || a === b) continue;
    pairs.push(a.rank < b.rank ? [a, b] : [b, a]);
  }
  return pairs;
}

export function buildEngineStream(options: EngineStreamOptions = DEFAULT_STREAM_OPTIONS): EngineStream {
  const prng = createPrng(options.seed);
  const subsystems = Math.max(1, Math.ceil(options.minClasses / CLASSES_PER_SUBSYSTEM));
  const classes = buildClassCatalogue(subsystems, prng);
  const abbaPairs = options.abba === undefined ? [] : choosePairs(classes, options.abba.pairs, prng);
  const abba: AbbaPlan | undefined = options.abba === undefined ? undefined : { pairs: abbaPairs, share: options.abba.share };
  const scripts: (readonly Event[])[] = [];
  const profile = emptyProfile();
  const starts: TaskStartEvent[] = [];
  for (let index = 0; index < options.tasks; index++) {
    const task = index + 1;
    starts.push({ kind: "task-start", task, name: `${TASK_NAMES[index % TASK_NAMES.length]}-${task}` });
    const homeSubsystems = [0, 1, 2].map(() => prng.below(subsystems));
    const takesIrqs = index % options.irqTaskEvery === 0;
    const script = writeTaskScript(
      { task, targetEvents: options.eventsPerTask, maxDepth: options.maxDepth, homeSubsystems, irqChance: takesIrqs ? options.irqChance : 0, ...(abba ? { abba } : {}) },
      classes,
      prng,
    );
    scripts.push(script.events);
    for (const key of Object.keys(profile) as (keyof ScriptProfile)[]) {
      profile[key] = key === "maxDepth" ? Math.max(profile[key], script.profile[key]) : profile[key] + script.profile[key];
    }
  }
  const interleaved = interleave(scripts, prng, options.maxBurst);
  const withEvents = options.events ? addEvents(classes.byId.length, interleaved, options.events, prng) : undefined;
  const pool = withEvents?.pool ?? interleaved;
  const used = new Set<ClassId>();
  for (const event of pool) if (event.kind === "acquire") used.add(event.class);
  return {
    options,
    prelude: [...classes.defineEvents, ...(withEvents?.defines ?? []), ...starts],
    pool,
    scripts,
    classes,
    abbaPairs,
    profile: { ...profile, classesUsed: used.size },
  };
}
