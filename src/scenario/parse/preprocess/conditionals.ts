/**
 * The `#if` / `#ifdef` / `#elif` / `#else` / `#endif` stack: which lines are active. Inactive
 * branches are not evaluated (C11 §6.10.1p6), so an unknown macro there is no error.
 */
import type { Loc } from "../../ast.js";

interface Frame {
  readonly loc: Loc;
  readonly directive: string;
  readonly parentActive: boolean;
  /** Whether some branch of this group has been taken. */
  taken: boolean;
  active: boolean;
  sawElse: boolean;
}

export class ConditionalStack {
  private readonly frames: Frame[] = [];

  get active(): boolean {
    return this.frames.at(-1)?.active ?? true;
  }

  /** Whether a new condition must be evaluated to open a group / take an `#elif`. */
  get evaluatesElif(): boolean {
    const frame = this.frames.at(-1);
    return frame !== undefined && frame.parentActive && !frame.taken && !frame.sawElse;
  }

  open(directive: string, loc: Loc, condition: () => boolean): void {
    const parentActive = this.active;
    const active = parentActive && condition();
    this.frames.push({ loc, directive, parentActive, taken: active, active, sawElse: false });
  }

  /** `#elif`; the condition is only evaluated when no earlier branch was taken. Returns an error message or null. */
  elif(directive: string, condition: () => boolean): string | null {
    const frame = this.frames.at(-1);
    if (frame === undefined) return `#${directive} without #if`;
    if (frame.sawElse) return `#${directive} after #else`;
    frame.active = frame.parentActive && !frame.taken && condition();
    frame.taken ||= frame.active;
    return null;
  }

  else(): string | null {
    const frame = this.frames.at(-1);
    if (frame === undefined) return "#else without #if";
    if (frame.sawElse) return "#else after #else";
    frame.sawElse = true;
    frame.active = frame.parentActive && !frame.taken;
    frame.taken = true;
    return null;
  }

  endif(): string | null {
    return this.frames.pop() === undefined ? "#endif without #if" : null;
  }

  /** Groups still open at the end of the file, outermost first. */
  unterminated(): readonly { readonly loc: Loc; readonly directive: string }[] {
    return this.frames;
  }
}
