/**
 * The wound/wait mutex protocol as DEBUG_WW_MUTEXES checks it (kernel/locking/ww_mutex.h,
 * ww_mutex_lock_acquired, __ww_mutex_kill, ww_acquire_done/fini): no locking after
 * ww_acquire_done, back off completely after -EDEADLK and take the contended lock first, the
 * slow path only after -EDEADLK, fini only with nothing acquired. Misuse can deadlock or corrupt
 * the ordering the stamps provide; lockdep reports it as a DEBUG_LOCKS_WARN_ON.
 */
import type { Stack } from "../../ir/index.js";
import type { EngineCore, WwContextState } from "../core.js";
import { FINDING_TITLES } from "../finding.js";
import type { TaskState } from "../task-state.js";

export function reportWw(core: EngineCore, task: TaskState, ctx: number, lock: string | null, message: string, stack: Stack): void {
  core.log.report(`ww:${ctx}:${message}`, () =>
    core.finding(task, FINDING_TITLES["ww-api-misuse"], { kind: "ww-api-misuse", lock, message }, stack, { lockNames: lock ? [lock] : [] }),
  );
}

/** Before a slow-path lock: it is only for the lock that returned -EDEADLK. */
export function checkWwSlow(core: EngineCore, task: TaskState, ctx: number, state: WwContextState, lock: string, stack: Stack): void {
  if (state.contending === undefined) reportWw(core, task, ctx, lock, "ww_mutex_lock_slow without a preceding -EDEADLK", stack);
}

/** A ww_mutex was acquired under `ctx` (ww_mutex_lock_acquired). */
export function wwAcquired(core: EngineCore, task: TaskState, ctx: number, state: WwContextState, instance: number, lock: string, stack: Stack): void {
  if (state.done) reportWw(core, task, ctx, lock, "ww_mutex_lock after ww_acquire_done", stack);
  if (state.contending !== undefined) {
    if (state.contending !== instance) reportWw(core, task, ctx, lock, "after -EDEADLK a different ww_mutex than the contended one was acquired", stack);
    else if (state.acquired > 0) reportWw(core, task, ctx, lock, "ww_mutex_lock after -EDEADLK without unlocking all acquired mutexes", stack);
    state.contending = undefined;
  }
  state.acquired++;
}

/** A lock attempt returned -EDEADLK (__ww_mutex_kill). */
export function wwDeadlk(core: EngineCore, task: TaskState, ctx: number, state: WwContextState, instance: number, lock: string, stack: Stack): void {
  if (state.acquired === 0) return;
  if (state.contending !== undefined) reportWw(core, task, ctx, lock, "another -EDEADLK before backing off from the first", stack);
  state.contending = instance;
}
