import { describe, expect, it } from "vitest";
import { parseGfpData, readGfpDataFile, shippedGfpData } from "../../../src/kernel/gfp/index.js";
import { RAW_GFP_DATA } from "./raw-data.js";

describe("parseGfpData", () => {
  it("accepts the shipped file and keeps every entry in file order", () => {
    const data = shippedGfpData();
    expect([...data.bits.keys()]).toEqual(Object.keys(RAW_GFP_DATA.bits));
    expect([...data.masks.keys()]).toEqual(Object.keys(RAW_GFP_DATA.masks));
    expect(data.ftrace_name_order).toEqual(RAW_GFP_DATA.ftrace_name_order);
    expect(data.removed_bits.get("__GFP_ATOMIC")).toEqual({ bit: 9, until: "v6.2" });
    expect(data.kernel).toContain("594ce0b8a998");
  });

  const valid = (): Record<string, unknown> => JSON.parse(JSON.stringify(RAW_GFP_DATA)) as Record<string, unknown>;

  it.each([
    ["not an object", [], "(top level)", "expected an object"],
    ["null", null, "(top level)", "expected an object"],
  ])("rejects %s at the top level", (_label, json, path, message) => {
    expect(parseGfpData(json)).toEqual({ ok: false, error: { path, message } });
  });

  it("names a missing key", () => {
    const json = valid();
    delete json["ftrace_name_order"];
    expect(parseGfpData(json)).toEqual({ ok: false, error: { path: "ftrace_name_order", message: "missing" } });
  });

  it("names a bad bit number with its path", () => {
    const json = valid();
    (json["bits"] as Record<string, unknown>)["__GFP_FS"] = 32;
    expect(parseGfpData(json)).toEqual({ ok: false, error: { path: "bits.__GFP_FS", message: "expected a bit number 0..31" } });
    (json["bits"] as Record<string, unknown>)["__GFP_FS"] = 7.5;
    expect(parseGfpData(json).ok).toBe(false);
  });

  it("names a bad mask member with its index", () => {
    const json = valid();
    (json["masks"] as Record<string, unknown>)["GFP_KERNEL"] = ["__GFP_IO", 7];
    expect(parseGfpData(json)).toEqual({ ok: false, error: { path: "masks.GFP_KERNEL[1]", message: "expected a string" } });
  });

  it("keeps a `__proto__` key as data, not as a prototype", () => {
    const json = JSON.parse('{"__proto__": 3}') as unknown;
    const data = valid();
    data["bits_x86_64_v6_10plus"] = json;
    const parsed = parseGfpData(data);
    expect(parsed.ok && parsed.value.bits_x86_64_v6_10plus.get("__proto__")).toBe(3);
  });

  it("reports an unreadable file as an error value", () => {
    const read = readGfpDataFile(new URL("file:///nonexistent/gfp-flags.json"));
    expect("error" in read && read.error).toMatch(/^\/nonexistent\/gfp-flags.json: .*ENOENT/);
  });
});
