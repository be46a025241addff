/**
 * Lock classes. The IR names a *key* (one `define-class` event); lockdep's class is the pair
 * (key, subclass), so `&inode->i_rwsem` and `&inode->i_rwsem/1` are different classes that share
 * a key. Classes get dense integer indices so the graph and the chain cache work on numbers.
 */
import type { ClassId, LockKind, Stack } from "../ir/index.js";
import { LOCK_KIND_TRAITS, WAIT, type LockKindTraits, type WaitType } from "./lock-kinds.js";
import { doubled, isDenseId, storedAt } from "./typed-arrays.js";

/** lockdep's MAX_LOCKDEP_SUBCLASSES. */
export const MAX_SUBCLASSES = 8;

export interface KeyRecord {
  readonly id: ClassId;
  /** Dense number of the key, in definition order. */
  readonly number: number;
  /** Name as printed, with lockdep's `#N` version suffix when another key had the name first. */
  readonly name: string;
  readonly lock: LockKind;
  readonly traits: LockKindTraits;
  readonly stack: Stack | undefined;
}

/**
 * What checks read on every acquisition, resolved against the configuration when a class is
 * created and kept per class index in typed arrays (ClassTable.hot, innerWait, outerWait): the acquisition
 * path then reads a few bytes of dense memory instead of following pointers into key records
 * scattered over the heap, which was a cache miss per acquisition on traces with many classes.
 */
export const HOT = {
  /** check=1: dependencies, recursion and irq usage are validated. */
  CHECK: 1 << 0,
  /** Takes part in irq usage marking (check=1 and not an event). */
  MARKS_USAGE: 1 << 1,
  /** Taking it may block under this configuration. */
  BLOCKS: 1 << 2,
  /** A spinlock_t/rwlock_t that sleeps on PREEMPT_RT (rtlock_might_resched rules). */
  RT_SLEEPING_SPIN: 1 << 3,
  /** An rwlock_t: its readers are recursive in interrupts. */
  RWLOCK: 1 << 4,
} as const;

export interface ClassConfig {
  readonly waitNumber: (w: WaitType) => number;
  readonly preemptRt: boolean;
}

export class ClassTable {
  constructor(private readonly config: ClassConfig) {}

  private readonly keys = new Map<ClassId, KeyRecord>();
  /** Keys by dense number. */
  private readonly keyList: KeyRecord[] = [];
  /** Key number + 1 by id, for small non-negative ids (the common case, one typed-array load); 0 for none. */
  private numberById = new Int32Array(1024);
  /** Class index + 1 of (key number, subclass) at number × MAX_SUBCLASSES + subclass; 0 until used. */
  private classBySubclass = new Int32Array(64 * MAX_SUBCLASSES);
  /**
   * Class index + 1 of (key id, subclass 0) by id, for small non-negative ids; 0 until used. Most
   * acquisitions are of subclass 0: one load from a dense table instead of two dependent ones
   * (numberById, then classBySubclass, whose used entries lie a cache line apart).
   */
  private plainClassById = new Int32Array(1024);
  private readonly nameUses = new Map<string, number>();
  /** Per class index. */
  readonly key: KeyRecord[] = [];
  readonly subclass: number[] = [];
  readonly name: string[] = [];
  usage: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** The key's HOT bits and wait-type numbers, per class index (the acquisition path reads these). */
  hot: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
  innerWait: Int8Array<ArrayBuffer> = new Int8Array(1024);
  outerWait: Int8Array<ArrayBuffer> = new Int8Array(1024);
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
    const number = this.keyList.length;
    const key: KeyRecord = { id, number, name: shown, lock, traits: LOCK_KIND_TRAITS[lock], stack };
    this.keys.set(id, key);
    this.keyList.push(key);
    if ((number + 1) * MAX_SUBCLASSES > this.classBySubclass.length) this.classBySubclass = doubled(this.classBySubclass);
    if (isDenseId(id)) this.numberById = storedAt(this.numberById, id, number + 1);
    return undefined;
  }

  keyOf(id: ClassId): KeyRecord | undefined {
    const number = this.numberOf(id);
    return number < 0 ? undefined : this.keyList[number];
  }

  /** The dense number of the key with this id, or -1; ids the typed array does not hold are in the map. */
  numberOf(id: ClassId): number {
    const byId = this.numberById;
    const number = (id >>> 0) === id && id < byId.length ? byId[id]! - 1 : -1;
    return number >= 0 ? number : (this.keys.get(id)?.number ?? -1);
  }

  /** Class indices whose printed name is `name` (with or without a `/N` subclass suffix). */
  indicesNamed(name: string): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.name.length; i++) if (this.key[i]!.name === name || this.name[i] === name) out.push(i);
    return out;
  }

  /**
   * The class index of (key `id`, `subclass`), created on first use; -1 when no key has this id.
   * `subclass` must be in 0..MAX_SUBCLASSES-1. The acquisition path's lookup: typed arrays only.
   */
  classIndex(id: ClassId, subclass: number): number {
    const plain = this.plainClassById;
    if (subclass === 0 && (id >>> 0) === id && id < plain.length && plain[id]! > 0) return plain[id]! - 1;
    const number = this.numberOf(id);
    if (number < 0) return -1;
    const known = this.classBySubclass[number * MAX_SUBCLASSES + subclass]!;
    return known > 0 ? known - 1 : this.classOf(this.keyList[number]!, subclass);
  }

  /** The dense number of class `cls`'s key. */
  keyNumber(cls: number): number {
    return this.key[cls]!.number;
  }

  /** The lock kind's traits of class `cls`. */
  traits(cls: number): LockKindTraits {
    return this.key[cls]!.traits;
  }

  /** check=1: whether acquisitions of class `cls` are validated (dependencies, recursion, usage). */
  validated(cls: number): boolean {
    return (this.hot[cls]! & HOT.CHECK) !== 0;
  }

  /** The class index of (key, subclass), created on first use. */
  private classOf(key: KeyRecord, subclass: number): number {
    const slot = key.number * MAX_SUBCLASSES + subclass;
    const known = this.classBySubclass[slot]!;
    if (known > 0) return known - 1;
    const idx = this.key.length;
    this.classBySubclass[slot] = idx + 1;
    this.key.push(key);
    this.subclass.push(subclass);
    this.name.push(subclass === 0 ? key.name : `${key.name}/${subclass}`);
    this.usageStacks.push([]);
    if (subclass === 0 && isDenseId(key.id)) this.plainClassById = storedAt(this.plainClassById, key.id, idx + 1);
    if (idx >= this.usage.length) {
      this.usage = doubled(this.usage);
      this.hot = doubled(this.hot);
      this.innerWait = doubled(this.innerWait);
      this.outerWait = doubled(this.outerWait);
    }
    // What the acquisition path reads, resolved against the configuration.
    const { traits, lock } = key;
    this.hot[idx] =
      (traits.check ? HOT.CHECK : 0) |
      (traits.check && traits.usage !== false ? HOT.MARKS_USAGE : 0) |
      (traits.blocks === "always" || (traits.blocks === "on-rt" && this.config.preemptRt) ? HOT.BLOCKS : 0) |
      (traits.blocks === "on-rt" ? HOT.RT_SLEEPING_SPIN : 0) |
      (lock === "rwlock" ? HOT.RWLOCK : 0);
    this.innerWait[idx] = this.waitNumber(traits.inner);
    this.outerWait[idx] = this.waitNumber(traits.outer);
    return idx;
  }

  /** A wait type's number under this configuration, -1 for INV. */
  private waitNumber(w: WaitType): number {
    return w === WAIT.INV ? -1 : this.config.waitNumber(w);
  }
}
