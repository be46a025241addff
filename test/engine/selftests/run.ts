/**
 * Applies a translated case to an engine one event at a time and records, per op, when the
 * first finding appeared and which events were refused with an error value.
 */
import type { EngineError, Finding } from "../../../src/engine/index.js";
import type { Event } from "../../../src/ir/index.js";
import type { OpRef } from "./table.js";
import type { TranslatedCase } from "./translate.js";

/** The part of the engine API the suite drives. */
export interface EngineLike {
  apply(event: Event): EngineError | undefined;
  findings(): readonly Finding[];
}

/** Where something happened: the prologue or an op; `seq` orders them (-1 = prologue). */
export interface Place {
  readonly seq: number;
  readonly at: OpRef | null;
}

export interface RunError extends Place {
  readonly event: Event["kind"];
  readonly message: string;
}

export interface Run {
  readonly errors: readonly RunError[];
  readonly first: (Place & { readonly finding: Finding }) | null;
  readonly findings: readonly Finding[];
}

export function runCase(engine: EngineLike, translated: TranslatedCase): Run {
  const errors: RunError[] = [];
  let first: Run["first"] = null;
  const step = (place: Place, events: readonly Event[]): void => {
    for (const event of events) {
      const error = engine.apply(event);
      if (error !== undefined) errors.push({ ...place, event: event.kind, message: error.message });
      if (first === null) {
        const [finding] = engine.findings();
        if (finding !== undefined) first = { ...place, finding };
      }
    }
  };
  step({ seq: -1, at: null }, translated.prologue);
  translated.ops.forEach((op, seq) => step({ seq, at: op.at }, op.events));
  return { errors, first, findings: engine.findings() };
}

/** `t0 op 3` or `prologue`, for messages. */
export const describePlace = (place: Place): string => (place.at === null ? "prologue" : `${place.at.task} op ${place.at.op}`);
