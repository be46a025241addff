/**
 * `--format dot`: the report's dependencies as a Graphviz digraph. An edge `A -> B` means "B was
 * taken while A was held" (lockdep's dependency direction); the edge that closed the cycle (the
 * acquisition that triggered the report) is drawn bold red. Names are quoted and escaped: a lock
 * name is untrusted text.
 */
import type { SplatReport } from "./report.js";
import { callerOf } from "./vocabulary.js";
import { formatFrame } from "./frames.js";

/** A DOT double-quoted string: backslash, quote and line breaks escaped. */
export function dotQuote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n|\r/g, "\\n")}"`;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly closing: boolean;
}

function edgesOf(report: SplatReport): Edge[] {
  const edges: Edge[] = [];
  const label = (trace: Parameters<typeof callerOf>[0]): string => {
    const frame = callerOf(trace);
    return frame ? formatFrame(frame) : "";
  };
  const links = report.chain;
  for (let j = links.length - 2; j >= 0; j--) {
    const taken = links[j];
    const held = links[j + 1];
    if (taken && held) edges.push({ from: held.lock.name, to: taken.lock.name, label: label(taken.trace), closing: false });
  }
  const newest = links[links.length - 1];
  if (report.holding && report.lock) {
    edges.push({ from: report.holding.name, to: report.lock.name, label: newest ? label(newest.trace) : label(report.backtrace), closing: true });
  }
  if (report.otherLock && report.lock) {
    const [from, to] = report.otherLock.relation === "took" ? [report.lock.name, report.otherLock.lock.name] : [report.otherLock.lock.name, report.lock.name];
    edges.push({ from, to, label: `${report.otherLock.state} inversion`, closing: true });
  }
  if (report.safeUnsafe?.safeLock && report.holding && report.safeUnsafe.safeLock.name !== report.holding.name) {
    edges.push({ from: report.safeUnsafe.safeLock.name, to: report.holding.name, label: "", closing: false });
  }
  if (report.safeUnsafe?.unsafeLock && report.lock && report.safeUnsafe.unsafeLock.name !== report.lock.name) {
    edges.push({ from: report.lock.name, to: report.safeUnsafe.unsafeLock.name, label: "", closing: false });
  }
  if (edges.length === 0) {
    // Single-lock reports: the held locks in order, then the lock the report is about.
    const held = report.heldLocks?.locks.map((l) => l.name) ?? [];
    for (let i = 0; i + 1 < held.length; i++) edges.push({ from: held[i]!, to: held[i + 1]!, label: "", closing: false });
    const last = held[held.length - 1];
    if (last && report.lock) edges.push({ from: last, to: report.lock.name, label: "", closing: true });
  }
  return edges;
}

export function renderDot(reports: readonly SplatReport[]): string {
  const out: string[] = ["digraph splat {", "  rankdir=LR;", "  node [shape=box, fontname=\"monospace\"];"];
  reports.forEach((report, i) => {
    out.push(`  subgraph ${dotQuote(`cluster_${i}`)} {`);
    out.push(`    label=${dotQuote(`${i + 1}: ${report.title}${report.truncated ? " (truncated)" : ""}`)};`);
    const nodes = new Set<string>();
    const edges = edgesOf(report);
    for (const e of edges) {
      nodes.add(e.from);
      nodes.add(e.to);
    }
    if (report.lock) nodes.add(report.lock.name);
    // Node ids are per report so one lock in two reports stays two nodes.
    const id = (name: string): string => dotQuote(`${i}:${name}`);
    for (const name of nodes) out.push(`    ${id(name)} [label=${dotQuote(name)}];`);
    for (const e of edges) {
      const attrs = [e.label ? `label=${dotQuote(e.label)}` : null, e.closing ? 'color="red", style="bold"' : null].filter((a) => a !== null);
      out.push(`    ${id(e.from)} -> ${id(e.to)}${attrs.length > 0 ? ` [${attrs.join(", ")}]` : ""};`);
    }
    out.push("  }");
  });
  out.push("}");
  return `${out.join("\n")}\n`;
}
