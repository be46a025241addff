/**
 * Irq usage bits (lockdep_states.h / lockdep_internals.h). One table drives the bit numbers,
 * the names printed in reports (`IN-HARDIRQ-W`, `SOFTIRQ-ON-R`) and the usage characters
 * (`{+.-.}`). Per state: USED_IN, USED_IN_READ, ENABLED, ENABLED_READ (bit0 = read,
 * bit1 = direction), then the state-less USED / USED_READ.
 */
export const IRQ_STATES = ["HARDIRQ", "SOFTIRQ"] as const;
export type IrqState = (typeof IRQ_STATES)[number];

export const USAGE_READ = 1;
export const USAGE_DIR = 2; // set: ENABLED_*, clear: USED_IN_*
const PER_STATE = 4;

export const usedIn = (state: number, read: boolean): number => state * PER_STATE + (read ? USAGE_READ : 0);
export const enabled = (state: number, read: boolean): number => state * PER_STATE + USAGE_DIR + (read ? USAGE_READ : 0);
export const USED = IRQ_STATES.length * PER_STATE;
export const USED_READ = USED + 1;

export const bitFlag = (bit: number): number => 1 << bit;

function maskOf(pick: (bit: number) => boolean): number {
  let m = 0;
  for (let b = 0; b < USED; b++) if (pick(b)) m |= bitFlag(b);
  return m;
}
/** Write (non-read) irq bits: LOCKF_IRQ. */
export const IRQ_WRITE_MASK = maskOf((b) => (b & USAGE_READ) === 0);
export const IRQ_READ_MASK = maskOf((b) => (b & USAGE_READ) !== 0);
export const USED_IN_MASK = maskOf((b) => (b & USAGE_DIR) === 0);
export const ENABLED_MASK = maskOf((b) => (b & USAGE_DIR) !== 0);

/** The bit that conflicts with `bit` in one class: USED_IN_x(_READ) ↔ ENABLED_x (write). */
export const exclusiveBit = (bit: number): number => (bit & ~USAGE_READ) ^ USAGE_DIR;

/** Swap USED_IN and ENABLED bits (invert_dir_mask). */
function invertDir(mask: number): number {
  let out = 0;
  for (let b = 0; b < USED; b++) if (mask & bitFlag(b)) out |= bitFlag(b ^ USAGE_DIR);
  return out;
}
/** Both read and write versions of every bit set (exclusive_mask / original_mask, 5.10+). */
function withBothReadForms(mask: number): number {
  return mask | ((mask & IRQ_READ_MASK) >>> USAGE_READ) | ((mask & IRQ_WRITE_MASK) << USAGE_READ);
}
/** ENABLED bits that conflict with the USED_IN bits of `mask`. */
export const exclusiveMask = (mask: number): number => withBothReadForms(invertDir(mask & USED_IN_MASK));
/** USED_IN bits that conflict with the ENABLED bits of `mask`. */
export const originalMask = (mask: number): number => withBothReadForms(invertDir(mask & ENABLED_MASK));

export const stateOf = (bit: number): IrqState => IRQ_STATES[Math.floor(bit / PER_STATE)] as IrqState;

/** `IN-HARDIRQ-W`, `HARDIRQ-ON-R`, `INITIAL USE`, `INITIAL READ USE`. */
export function usageName(bit: number): string {
  if (bit === USED) return "INITIAL USE";
  if (bit === USED_READ) return "INITIAL READ USE";
  const s = stateOf(bit);
  const rw = bit & USAGE_READ ? "R" : "W";
  return bit & USAGE_DIR ? `${s}-ON-${rw}` : `IN-${s}-${rw}`;
}

/** `HARDIRQ` or `HARDIRQ-READ`: the state word of safe→unsafe and inversion reports. */
export const stateName = (bit: number): string => `${stateOf(bit)}${bit & USAGE_READ ? "-READ" : ""}`;

/**
 * Usage characters: per state a write and a read character, each `.` neither, `-` used in irq
 * only, `+` enabled only, `?` both (get_usage_char in lockdep_proc / lockdep.c).
 */
export function usageChars(mask: number): string {
  let s = "";
  for (let st = 0; st < IRQ_STATES.length; st++) {
    for (const read of [false, true]) {
      const inIrq = (mask & bitFlag(usedIn(st, read))) !== 0;
      const on = (mask & bitFlag(enabled(st, read))) !== 0;
      s += inIrq && on ? "?" : inIrq ? "-" : on ? "+" : ".";
    }
  }
  return s;
}
