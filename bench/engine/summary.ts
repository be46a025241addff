/** Turns the variants' reports into the engine benchmark's tables and notes. */
import { formatBytes, formatCount, formatRate, median } from "../lib/format.js";
import type { BenchResult, FigureTable } from "../lib/registry.js";
import type { VariantReport } from "./protocol.js";
import { CLASSES_PER_SUBSYSTEM, ROLES, SUBSYSTEM_LAYOUT } from "./classes.js";

/** `sleeping 7 mutex + 3 rwsem + 2 lockdep_map; spinning ...`, from the layout table itself. */
function layoutText(): string {
  return ROLES.map((role) => {
    const counts = new Map<string, number>();
    for (const kind of SUBSYSTEM_LAYOUT[role]) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    return `${role} ${[...counts].map(([kind, n]) => `${n} ${kind}`).join(" + ")}`;
  }).join("; ");
}

/** The issue's target for the measure DESIGN.md §7 names: one core, steady state. */
const TARGET_EVENTS_PER_SECOND = 20e6;

function throughputTable(reports: readonly VariantReport[]): FigureTable {
  return {
    title: "Throughput (steady state, chain cache warm, one JS thread)",
    columns: ["variant", "measured events", "events/s", "median window", "slowest window", "cold 1st pass events/s", "findings", "engine errors"],
    rows: reports.map(({ label, poolEvents, figures: f }) => [
      label,
      formatCount(f.measuredEvents),
      formatRate(f.eventsPerSecond),
      formatRate(median(f.windowRates)),
      formatRate(Math.min(...f.windowRates)),
      formatRate((poolEvents * 1e9) / (f.warmupPassNs[0] ?? Number.NaN)),
      formatCount(f.findings),
      formatCount(f.errors),
    ]),
  };
}

function memoryTable(reports: readonly VariantReport[]): FigureTable {
  return {
    title: "Memory (each variant in a fresh process; heapUsed without forced GC)",
    columns: ["variant", "heap: start", "stream built", "after warm-up", "after run", "run − warm-up", "heap during run", "RSS: start", "peak RSS"],
    rows: reports.map(({ label, atStart, figures: { memory: m } }) => [
      label,
      formatBytes(atStart.heapUsed),
      formatBytes(m.heapAfterStreamBuilt),
      formatBytes(m.heapAfterWarmup),
      formatBytes(m.heapAfterRun),
      formatBytes(m.heapAfterRun - m.heapAfterWarmup, true),
      `${formatBytes(m.heapMinDuringRun)} – ${formatBytes(m.heapMaxDuringRun)}`,
      formatBytes(atStart.rss),
      formatBytes(m.peakRss),
    ]),
  };
}

function engineTable(reports: readonly VariantReport[]): FigureTable {
  return {
    title: "Engine state after the run (engine.stats())",
    columns: ["variant", "pool events", "classes defined / used", "stats.events", "stats.classes", "dependencies", "chains"],
    rows: reports.map(({ label, poolEvents, classesDefined, profile, figures: { stats } }) => [
      label,
      formatCount(poolEvents),
      `${formatCount(classesDefined)} / ${formatCount(profile.classesUsed)}`,
      formatCount(stats.events),
      formatCount(stats.classes),
      formatCount(stats.dependencies),
      formatCount(stats.chains),
    ]),
  };
}

function notes(reports: readonly VariantReport[], quick: boolean): string[] {
  const lines: string[] = [];
  const first = reports[0];
  if (first === undefined) return lines;
  const p = first.profile;
  const o = first.figures;
  lines.push(
    `Stream: ${formatCount(first.classesDefined)} classes (each group of ${CLASSES_PER_SUBSYSTEM}: ${layoutText()}), 64 tasks, one pool of ${formatCount(first.poolEvents)} pre-built events replayed cyclically (seeded, built in ${(first.buildMs / 1000).toFixed(1)} s, not timed).`,
    `Pool profile: ${formatCount(p.acquisitions)} acquisitions (${formatCount(p.trylocks)} trylocks, ${formatCount(p.reads)} read), ${formatCount(p.toggles)} irq/bh disable+enable, ${formatCount(p.hardirqSegments)} hardirq and ${formatCount(p.softirqSegments)} softirq segments, ${formatCount(p.sleeps)} might_sleep, nesting depth up to ${p.maxDepth}; one global lock order, so the clean stream has no finding by design.`,
    `Warm-up: ${o.warmupPassNs.length} whole pool passes (${formatCount(o.warmupEvents)} events) before the measured window; the first (cold) pass builds the graph and chain cache and is shown separately. events/s = measured events / time summed over windows of ${formatCount(o.measuredEvents / Math.max(1, o.windowRates.length))} events (memory sampling between windows is not timed). Each variant runs in its own process; the engine runs on Node's one JS thread.`,
  );
  const abba = reports.find((r) => r.profile.abbaEvents > 0);
  if (abba) {
    const kinds = Object.entries(abba.figures.findingKinds).map(([kind, n]) => `${kind} ${n}`).join(", ") || "none";
    lines.push(
      `ABBA variant: ${(100 * abba.profile.abbaEvents / abba.poolEvents).toFixed(1)} % of events are top-level lock(A);lock(B) / lock(B);lock(A) on ${abba.abbaPairs} mutex pairs; findings ${abba.figures.findingsAfterWarmup} after warm-up, ${abba.figures.findings} after the run (${kinds}).`,
    );
  }
  const clean = reports.filter((r) => r.profile.abbaEvents === 0);
  const [shorter, longer] = clean;
  if (shorter && longer) {
    const a = shorter.figures.memory;
    const b = longer.figures.memory;
    // Without a forced GC, the lowest heapUsed seen between windows is the best view of the live heap.
    lines.push(
      `Memory vs stream length (same pool, so same classes and edges): heap low-water mark ${formatBytes(b.heapMinDuringRun)} at ${formatCount(longer.figures.measuredEvents)} events vs ${formatBytes(a.heapMinDuringRun)} at ${formatCount(shorter.figures.measuredEvents)} (${formatBytes(b.heapMinDuringRun - a.heapMinDuringRun, true)}); peak RSS ${formatBytes(b.peakRss)} vs ${formatBytes(a.peakRss)} (${formatBytes(b.peakRss - a.peakRss, true)}).`,
    );
  }
  const unexpected = clean.filter((r) => r.figures.findings > 0);
  for (const r of unexpected) {
    lines.push(`UNEXPECTED: ${r.label} has ${r.figures.findings} findings on a clean stream (${JSON.stringify(r.figures.findingKinds)}).`);
  }
  for (const r of reports.filter((x) => x.figures.errors > 0)) {
    lines.push(`Engine errors in ${r.label}: ${formatCount(r.figures.errors)}; first: ${r.figures.firstErrors.join(" | ")}`);
  }
  if (first.figures.stats.events === 0) {
    lines.push("engine.stats() counts 0 events: the engine measured is the placeholder in src/engine/engine.ts, so these figures prove the harness only.");
  } else if (!quick) {
    // The target is about the plain clean stream (waits on events have their own benchmark, bench/events.ts).
    const feeds = [["apply() on event objects", "clean"], ["applyRecords() on records", "records"]] as const;
    for (const [feed, prefix] of feeds) {
      const runs = reports.filter((r) => r.label.startsWith(prefix));
      if (runs.length === 0) continue;
      const rate = Math.min(...runs.map((r) => r.figures.eventsPerSecond));
      const verdict = rate >= TARGET_EVENTS_PER_SECOND ? "met" : "NOT met";
      lines.push(`Target ≥ ${formatRate(TARGET_EVENTS_PER_SECOND)} on one core, ${feed}: ${verdict} (slowest run ${formatRate(rate)}).`);
    }
  }
  if (quick) lines.push("--quick: small pool and short windows; a smoke check, not a measurement.");
  return lines;
}

export function summarise(reports: readonly VariantReport[], quick: boolean): BenchResult {
  return {
    tables: [throughputTable(reports), memoryTable(reports), engineTable(reports)],
    notes: notes(reports, quick),
  };
}
