/**
 * Collected findings, one per distinct cause (DESIGN.md §3: unlike lockdep, checking goes on
 * after a finding, so the same cause would otherwise be reported at every repetition).
 */
import type { Finding } from "./finding.js";

export class FindingsLog {
  readonly list: Finding[] = [];
  private readonly causes = new Set<string>();

  /** Records the finding built by `make` unless its cause was seen; returns whether it was new. */
  report(cause: string, make: () => Finding): boolean {
    if (this.causes.has(cause)) return false;
    this.causes.add(cause);
    this.list.push(make());
    return true;
  }
}
