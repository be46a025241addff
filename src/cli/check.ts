/**
 * `reclaimdep check FILE... [--format text|json] [--config A,B] [--no-model] [--expect] [--verbose]`
 *
 * A directory stands for every `.c` scenario below it, each checked as its own program (how the
 * bundled examples run); files named together are one program. Exit status: 0 no finding, 1
 * findings (with --expect: 0 when every file's findings are exactly its `// expect:` lines, else
 * 1), 2 bad input.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkScenarioFiles, type CheckResult } from "../check/check-scenarios.js";
import { compareExpectations } from "../check/expectations.js";
import { renderJson, renderText } from "../report/index.js";
import { formatDiagnostic } from "../scenario/parse/index.js";
import type { CliIo, ExitCode } from "./io.js";
import { VERSION } from "./version.js";

export const CHECK_USAGE = "usage: reclaimdep check FILE... [--format text|json] [--config A,B] [--no-model] [--expect] [--verbose]";

export async function checkCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        config: { type: "string", default: "" },
        "no-model": { type: "boolean", default: false },
        expect: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
      },
    });
  } catch (e) {
    io.stderr(`reclaimdep check: ${(e as Error).message}\n${CHECK_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.format !== "text" && values.format !== "json") {
    io.stderr(`reclaimdep check: --format must be text or json, not ${JSON.stringify(values.format)}\n`);
    return 2;
  }
  if (positionals.length === 0) {
    io.stderr(`reclaimdep check: no scenario file given\n${CHECK_USAGE}\n`);
    return 2;
  }
  const config = values.config.split(",").map((c) => c.trim()).filter(Boolean);
  const programs = expand(positionals, io.cwd);
  if (typeof programs === "string") {
    io.stderr(`${programs}\n`);
    return 2;
  }
  const options = { config, noModel: values["no-model"], cwd: io.cwd };
  let status: ExitCode = 0;
  const json: CheckResult[] = [];
  for (const files of programs) {
    const result = await checkScenarioFiles(files, options);
    if (!result.ok) {
      for (const d of result.diagnostics) io.stderr(`${formatDiagnostic(d, result.sources[d.loc.file])}\n`);
      return 2;
    }
    if (values.format === "json") json.push(result);
    else for (const f of result.findings) io.stdout(renderText(f, { version: VERSION, config }) + "\n");
    if (values.verbose) {
      for (const u of result.unknownCalls) io.stderr(`${u.loc.file}:${u.loc.line}:${u.loc.column}: note: unknown call ${u.name}() treated as a no-op\n`);
      for (const n of result.notes) io.stderr(`${formatDiagnostic(n)}\n`);
    }
    if (values.expect) {
      // Files named together are one program: their expectations together describe its findings.
      const mismatches = compareExpectations(files.join(" "), [...result.expectations.values()].flat(), result.findings);
      for (const m of mismatches) io.stderr(`${m.loc ? `${m.loc.file}:${m.loc.line}:${m.loc.column}: ` : ""}${m.message}\n`);
      if (mismatches.length > 0) status = 1;
      else if (values.format === "text") io.stderr(`${files.join(" ")}: ${result.findings.length === 0 ? "no findings" : `${result.findings.length} finding(s)`}, as expected\n`);
    } else if (result.findings.length > 0) status = 1;
  }
  if (values.format === "json") {
    const findings = json.flatMap((r) => (r.ok ? r.findings : []));
    const stats = json.reduce(
      (a, r) => (r.ok ? { events: a.events + r.stats.events, classes: a.classes + r.stats.classes, dependencies: a.dependencies + r.stats.dependencies, elapsedMs: a.elapsedMs + r.stats.elapsedMs } : a),
      { events: 0, classes: 0, dependencies: 0, elapsedMs: 0 },
    );
    io.stdout(renderJson(findings, stats));
  }
  return status;
}

/** Positional arguments as programs: a file is one, a directory gives one per `.c` below it. */
function expand(paths: readonly string[], cwd: string): string[][] | string {
  const files: string[] = [];
  const programs: string[][] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(resolve(cwd, p));
    } catch {
      return `${p}: no such file or directory`;
    }
    if (!st.isDirectory()) {
      files.push(p);
      continue;
    }
    const found = scenariosUnder(resolve(cwd, p)).map((f) => relative(cwd, f) || f);
    if (found.length === 0) return `${p}: no .c scenario files in this directory`;
    programs.push(...found.map((f) => [f]));
  }
  if (files.length > 0) programs.unshift(files);
  return programs;
}

function scenariosUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...scenariosUnder(full));
    else if (entry.isFile() && entry.name.endsWith(".c")) out.push(full);
  }
  return out;
}
