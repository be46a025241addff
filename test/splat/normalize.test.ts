import { describe, expect, it } from "vitest";
import { normalizeLine } from "../../src/splat/normalize.js";
import { linesOf } from "../../src/splat/lines.js";

describe("normalizeLine", () => {
  it.each([
    ["[  123.456789] kswapd0/35 is trying to acquire lock:", "kswapd0/35 is trying to acquire lock:"],
    ["<4>[  123.456789] kswapd0/35 is trying to acquire lock:", "kswapd0/35 is trying to acquire lock:"],
    ["<4>kswapd0/35 is trying to acquire lock:", "kswapd0/35 is trying to acquire lock:"],
    ["4,622,406528882,-;in_atomic(): 1, irqs_disabled(): 0", "in_atomic(): 1, irqs_disabled(): 0"],
    ["> > [ 1.000000] #0: ffff (a){+.+.}-{3:3}, at: f+0x1/0x2", "#0: ffff (a){+.+.}-{3:3}, at: f+0x1/0x2"],
    ["Jun 11 11:02:51 host kernel: WARNING: x", "WARNING: x"],
    ["2016-03-26T20:52:22.526357+00:00 mira108 kernel: [ INFO: y ]", "[ INFO: y ]"],
    ["Mar 31 19:37:52 host.local 4,1073,209927862,-;[ BUG: Invalid wait context ]", "[ BUG: Invalid wait context ]"],
    ["[2021/07/05, 13:43:52.334] BUG: scheduling while atomic: a/3/0x00000002", "BUG: scheduling while atomic: a/3/0x00000002"],
    ["\u001b[33m[    0.702419] \u001b[0mWARNING: possible recursive locking detected\r", "WARNING: possible recursive locking detected"],
  ])("%j → %j", (raw, text) => {
    expect(normalizeLine(raw).text).toBe(text);
  });

  it("keeps the printed indentation (the scenario table needs it)", () => {
    expect(normalizeLine("[   85.343320]                                local_irq_disable();").text).toBe("                               local_irq_disable();");
  });

  it("records printk caller ids", () => {
    expect(normalizeLine("[   15.181287][ C3] stack backtrace:")).toEqual({ text: "stack backtrace:", callerCpu: 3, callerThread: null });
    expect(normalizeLine("[38788.785336][T65464] WARNING: x")).toEqual({ text: "WARNING: x", callerCpu: null, callerThread: 65464 });
  });
});

describe("linesOf", () => {
  const collect = async (chunks: (string | Uint8Array)[], max?: number): Promise<string[]> => {
    const out: string[] = [];
    for await (const line of linesOf(chunks, max)) out.push(line);
    return out;
  };
  it("splits LF, CRLF (also across chunks) and lone CR", async () => {
    expect(await collect(["a\r", "\nb\rc\n", "d"])).toEqual(["a", "b", "c", "d"]);
  });
  it("decodes UTF-8 split across chunks and replaces invalid bytes", async () => {
    const bytes = new TextEncoder().encode("é\n");
    expect(await collect([bytes.slice(0, 1), bytes.slice(1), new Uint8Array([0xff, 0x0a])])).toEqual(["é", "\uFFFD"]);
  });
  it("cuts an over-long line and skips its rest", async () => {
    expect(await collect(["x".repeat(50), "y".repeat(50), "\nnext\n"], 10)).toEqual(["x".repeat(10), "next"]);
  });
});
