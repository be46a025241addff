/**
 * The parser's entry points: a stream of log chunks in, structured reports out, one report in
 * memory at a time (see split.ts for the bounds).
 */
import type { Chunk } from "./lines.js";
import { parseReport } from "./parse.js";
import type { SplatReport } from "./report.js";
import { splitReports, type SplitOptions } from "./split.js";

export async function* parseSplats(
  chunks: AsyncIterable<Chunk> | Iterable<Chunk>,
  options: SplitOptions = {},
): AsyncGenerator<SplatReport> {
  for await (const raw of splitReports(chunks, options)) yield parseReport(raw);
}

/** Every report in an in-memory text (tests, the playground). */
export async function parseSplatText(text: string, options: SplitOptions = {}): Promise<SplatReport[]> {
  const reports: SplatReport[] = [];
  for await (const report of parseSplats([text], options)) reports.push(report);
  return reports;
}
