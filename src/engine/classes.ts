/**
 * Lock classes. The IR names a *key* (one `define-class` event); lockdep's class is the pair
 * (key, subclass), so `&inode->i_rwsem` and `&inode->i_rwsem/1` are different classes that share
 * a key. Classes get dense integer indices so the graph and the chain cache work on numbers.
 */
import type { ClassId, LockKind, Stack } from "../ir/index.js";
import { LOCK_KIND_TRAITS, WAIT, type LockKindTraits, type WaitType } from "./lock-kinds.js";

/** lockdep's MAX_LOCKDEP_SUBCLASSES. */
export const MAX_SUBCLASSES = 8;

export interface KeyRecord {
  readonly id: ClassId;
  /** The traits resolved against the checked configuration, for the hot path (see ResolvedKey). */
  readonly resolved: ResolvedKey;
  /** Name as printed, with lockdep's `#N` version suffix when another key had the name first. */
  readonly name: string;
  readonly lock: LockKind;
  readonly traits: LockKindTraits;
  readonly stack: Stack | undefined;
  /** Class index per subclass, -1 until first used. */
  readonly bySubclass: Int32Array;
}

/**
 * What checks read on every acquisition, resolved once per class key against the configuration:
 * wait-type numbers (-1 for INV), whether taking it blocks, whether it is an rwlock_t.
 */
export interface ResolvedKey {
  readonly innerWait: number;
  readonly outerWait: number;
  readonly blocks: boolean;
  /** A spinlock_t/rwlock_t that sleeps on PREEMPT_RT (rtlock_might_resched rules). */
  readonly rtSleepingSpin: boolean;
  readonly isRwlock: boolean;
  /** Takes part in irq usage marking (check=1 and not an event). */
  readonly marksUsage: boolean;
}

export interface ClassConfig {
  readonly waitNumber: (w: WaitType) => number;
  readonly preemptRt: boolean;
}

export class ClassTable {
  constructor(private readonly config: ClassConfig) {}

  private readonly keys = new Map<ClassId, KeyRecord>();
  /** Keys with small non-negative ids, by id: the common case, one array load. */
  private readonly keysById: (KeyRecord | undefined)[] = [];
  private readonly nameUses = new Map<string, number>();
  /** Per class index. */
  readonly key: KeyRecord[] = [];
  readonly subclass: number[] = [];
  readonly name: string[] = [];
  usage: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Stack that first set each usage bit, per class (`{IN-HARDIRQ-W} state was registered at:`). */
  readonly usageStacks: (Stack | undefined)[][] = [];

  get count(): number {
    return this.key.length;
  }

  /** Registers a key; a second definition of the same id must agree (else an error message). */
  define(id: ClassId, name: string, lock: LockKind, stack: Stack | undefined): string | undefined {
    const old = this.keys.get(id);
    if (old) {
      return old.lock === lock ? undefined : `class ${id} (${old.name}) redefined as ${lock}, was ${old.lock}`;
    }
    const uses = (this.nameUses.get(name) ?? 0) + 1;
    this.nameUses.set(name, uses);
    const shown = uses === 1 ? name : `${name}#${uses}`;
    const traits = LOCK_KIND_TRAITS[lock];
    const wait = (w: WaitType): number => (w === WAIT.INV ? -1 : this.config.waitNumber(w));
    const resolved: ResolvedKey = {
      innerWait: wait(traits.inner),
      outerWait: wait(traits.outer),
      blocks: traits.blocks === "always" || (traits.blocks === "on-rt" && this.config.preemptRt),
      rtSleepingSpin: traits.blocks === "on-rt",
      isRwlock: lock === "rwlock",
      marksUsage: traits.check && traits.usage !== false,
    };
    const key: KeyRecord = { id, name: shown, lock, traits, resolved, stack, bySubclass: new Int32Array(MAX_SUBCLASSES).fill(-1) };
    this.keys.set(id, key);
    if (Number.isInteger(id) && id >= 0 && id < 1 << 20) this.keysById[id] = key;
    return undefined;
  }

  keyOf(id: ClassId): KeyRecord | undefined {
    return this.keysById[id] ?? this.keys.get(id);
  }

  /** Class indices whose printed name is `name` (with or without a `/N` subclass suffix). */
  indicesNamed(name: string): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.name.length; i++) if (this.key[i]!.name === name || this.name[i] === name) out.push(i);
    return out;
  }

  /** The class index of (key, subclass), created on first use. */
  classOf(key: KeyRecord, subclass: number): number {
    const known = key.bySubclass[subclass]!;
    if (known >= 0) return known;
    const idx = this.key.length;
    key.bySubclass[subclass] = idx;
    this.key.push(key);
    this.subclass.push(subclass);
    this.name.push(subclass === 0 ? key.name : `${key.name}/${subclass}`);
    this.usageStacks.push([]);
    if (idx >= this.usage.length) {
      const grown = new Int32Array(this.usage.length * 2);
      grown.set(this.usage);
      this.usage = grown;
    }
    return idx;
  }
}
