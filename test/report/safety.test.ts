/**
 * Names come from untrusted input (DESIGN.md §8): a lock, task, function or file name full of
 * HTML, terminal escapes, newlines, NUL or bidi overrides must neither act on the reader's
 * terminal nor forge report lines, and the JSON must carry the exact name back.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/finding.js";
import { printable, renderJson, renderText } from "../../src/report/index.js";
import { GOLDEN_CASES } from "./fixtures/index.js";

const HOSTILE = '</script><img src=x onerror="alert(1)">&amp;\u001b[2J\r\n #0: forged\u0000\u007f\u009b\u202e\u2028\u2066\u200b\\x1b\ud800';

/** Every string a renderer prints, replaced by the hostile text (numbers and enums left alone). */
function poison(value: unknown, key = ""): unknown {
  if (typeof value === "string") {
    const enumLike = ["kind", "mode", "how", "reason", "certainty", "otherIs", "usage"].includes(key);
    return enumLike ? value : `${value}${HOSTILE}`;
  }
  if (Array.isArray(value)) return value.map((item) => poison(item));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
  }
  return value;
}

const CASES = Object.entries(GOLDEN_CASES).map(([name, finding]) => [name, finding, poison(finding) as Finding] as const);
const UNSAFE_IN_TEXT = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

describe("printable", () => {
  it("shows control, format and separator characters as escapes and escapes the backslash", () => {
    expect(printable("a\u001b[2J\r\n\u0000\u007f\u009b\u202e\u2028\\b")).toBe("a\\x1b[2J\\x0d\\x0a\\x00\\x7f\\x9b\\u{202e}\\u{2028}\\\\b");
    expect(printable("\ud800")).toBe("\\u{d800}");
    expect(printable("&mm->mmap_lock#2/1")).toBe("&mm->mmap_lock#2/1");
  });
});

describe("hostile names in text reports", () => {
  for (const [name, clean, hostile] of CASES) {
    it(`${name}: no raw control character, no forged line, the name shown escaped`, () => {
      const text = renderText(hostile, { version: `0.1.0${HOSTILE}`, config: [HOSTILE] });
      const body = text.slice(0, -1).split("\n");
      for (const line of body) expect(line).not.toMatch(UNSAFE_IN_TEXT);
      expect(body).toHaveLength(renderText(clean).slice(0, -1).split("\n").length);
      expect(body.some((line) => line.startsWith(" #0: forged"))).toBe(false);
      expect(text).toContain("\\x1b[2J\\x0d\\x0a #0: forged\\x00");
    });
  }
});

describe("hostile names in JSON", () => {
  const findings = CASES.map(([, , hostile]) => hostile);
  const json = renderJson(findings, { events: 1, classes: 1, dependencies: 1, elapsedMs: 1 });

  it("prints no raw <, >, & or control/format character: safe inside HTML and on a terminal", () => {
    expect(json).not.toMatch(/[<>&]/);
    expect(json.slice(0, -1)).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}](?<!\n)/u);
    expect(json.split("\n").every((line) => !line.includes("\u001b"))).toBe(true);
  });

  it("carries every name back exactly", () => {
    const back = JSON.parse(json) as { findings: { title: string; task: string; locks: string[]; fix: string | null }[] };
    findings.forEach((finding, index) => {
      const parsed = back.findings[index];
      expect(parsed?.title).toBe(finding.title);
      expect(parsed?.task).toBe(finding.task.name);
      expect(parsed?.locks).toEqual(finding.locks);
      expect(parsed?.fix).toBe(finding.fix);
    });
  });
});
