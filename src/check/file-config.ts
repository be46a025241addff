/**
 * `// config: PREEMPT_RT, MEMORY_HOTREMOVE` lines: the configuration a scenario is written for,
 * merged with `--config`. Read before parsing, because the configuration decides which `#ifdef`
 * branches exist. A file that cannot be read has none (the parser reports the read error).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const CONFIG_LINE = /^[ \t]*\/\/[ \t]*config:[ \t]*(.*)$/gm;

export function configLines(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CONFIG_LINE)) {
    for (const c of (m[1] ?? "").split(/[,\s]+/)) if (c) out.push(c.replace(/^CONFIG_/, ""));
  }
  return out;
}

export function fileConfig(path: string, cwd?: string): string[] {
  try {
    return configLines(readFileSync(resolve(cwd ?? process.cwd(), path), "utf8"));
  } catch {
    return [];
  }
}
