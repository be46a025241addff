/**
 * Bytes to lines, streaming: decodes UTF-8 chunks (invalid bytes become U+FFFD, never an
 * error) and yields lines without their terminator (`\n`, `\r\n`, lone `\r`). Memory is bounded
 * by `maxLineLength`: a longer line (binary noise, a log with no newlines) is cut there and the
 * rest of it skipped, so a 200 MB line costs no more than a short one.
 */

export const DEFAULT_MAX_LINE_LENGTH = 16 * 1024;

export type Chunk = Uint8Array | string;

export async function* linesOf(
  chunks: AsyncIterable<Chunk> | Iterable<Chunk>,
  maxLineLength = DEFAULT_MAX_LINE_LENGTH,
): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: false });
  let pending = "";
  // True while skipping the tail of an over-long line.
  let skipping = false;
  const take = function* (text: string): Generator<string> {
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) break;
      const piece = text.slice(start, nl);
      if (!skipping) yield (pending + piece).slice(0, maxLineLength);
      pending = "";
      skipping = false;
      start = nl + 1;
    }
    if (!skipping) {
      pending += text.slice(start);
      if (pending.length > maxLineLength) {
        pending = pending.slice(0, maxLineLength);
        yield pending;
        pending = "";
        skipping = true;
      }
    }
  };
  // A CRLF split across two chunks must give one line end, not two.
  let lastWasCR = false;
  for await (const chunk of chunks) {
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (text.length === 0) continue;
    if (lastWasCR && text.startsWith("\n")) text = text.slice(1);
    lastWasCR = text.endsWith("\r");
    // Lone CR line ends (old Mac, some serial captures) count as newlines; CRLF loses its CR here.
    yield* take(text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text);
  }
  yield* take(decoder.decode());
  if (!skipping && pending.length > 0) yield pending;
}
