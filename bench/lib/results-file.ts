/**
 * `bench/RESULTS.md` holds one section per benchmark between markers
 * `<!-- bench:NAME:begin -->` and `<!-- bench:NAME:end -->`. A run rewrites only its own
 * sections; everything else in the file (other benchmarks, prose) is kept byte for byte.
 */
import type { BenchResult } from "./registry.js";
import { tableAsMarkdown } from "./table.js";

/** Where and how the figures were produced; printed at the top of every section. */
export interface RunProvenance {
  readonly command: string;
  readonly dateUtc: string;
  readonly node: string;
  readonly cpu: string;
  /** Other work on the machine skews timings: `1-min load 0.12 on 2 CPUs` at the start. */
  readonly load: string;
}

/** A RESULTS.md the runner must not rewrite blindly (a marker lost by hand editing). */
export interface ResultsFileError {
  readonly message: string;
}

const FILE_HEADER =
  "# Benchmark results\n\nWritten by `npm run bench`; each section is rewritten by its own benchmark.\n";

export const beginMarker = (name: string): string => `<!-- bench:${name}:begin -->`;
export const endMarker = (name: string): string => `<!-- bench:${name}:end -->`;

export function renderSection(name: string, provenance: RunProvenance, result: BenchResult): string {
  return [
    beginMarker(name),
    `## ${name}`,
    "",
    `- command: \`${provenance.command}\``,
    `- date (UTC): ${provenance.dateUtc}`,
    `- node: ${provenance.node}`,
    `- CPU: ${provenance.cpu} (${provenance.load})`,
    "",
    ...result.tables.flatMap((table) => [tableAsMarkdown(table), ""]),
    ...result.notes.map((note) => `- ${note}`),
    endMarker(name),
  ].join("\n");
}

/**
 * Returns `fileText` with section `name` replaced by `section` (appended when absent; a missing
 * file is `undefined`). `path` only names the file in error messages.
 */
export function replaceSection(
  path: string,
  fileText: string | undefined,
  name: string,
  section: string,
): { readonly text: string } | ResultsFileError {
  const text = fileText ?? FILE_HEADER;
  const begin = beginMarker(name);
  const end = endMarker(name);
  const first = text.indexOf(begin);
  const stop = text.indexOf(end);
  const where = (offset: number): string => {
    const before = text.slice(0, offset).split("\n");
    return `${path}:${before.length}:${(before.at(-1) ?? "").length + 1}`;
  };
  if (first === -1 && stop === -1) {
    const separator = text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
    return { text: `${text}${separator}${section}\n` };
  }
  if (first === -1) return { message: `${where(stop)}: ${end} without ${begin}; fix the file by hand` };
  if (stop === -1 || stop < first) {
    return { message: `${where(first)}: ${begin} without a following ${end}; fix the file by hand` };
  }
  const again = text.indexOf(begin, first + begin.length);
  if (again !== -1) return { message: `${where(again)}: second ${begin}; keep one section per benchmark` };
  return { text: text.slice(0, first) + section + text.slice(stop + end.length) };
}
