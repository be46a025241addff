/**
 * `reclaimdep explain SPLAT_FILE|-` (DESIGN.md §6): parse every lockdep / might_sleep report in a
 * log and explain it (`--format text`), print the JSON contract (`--format json`), draw it
 * (`--format dot`), or write a scenario skeleton (`--to-scenario`, one report: `--report N`).
 * The input is read as a stream; usage errors, unreadable input and "no report found" are a
 * one-line message on stderr and exit 2. Reports found: exit 1 (DESIGN §6: 1 = findings).
 */
import { createReadStream } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CliIo, ExitCode } from "./io.js";
import { parseSplats } from "../splat/stream.js";
import type { SplatReport } from "../splat/report.js";
import { explainReports } from "../splat/explain.js";
import { renderJson } from "../splat/json.js";
import { renderDot } from "../splat/dot.js";
import { toScenario } from "../splat/to-scenario.js";

const FORMATS = ["text", "json", "dot"] as const;
type Format = (typeof FORMATS)[number];

export const EXPLAIN_USAGE =
  "usage: reclaimdep explain SPLAT_FILE|- [--format text|json|dot] [--to-scenario [--report N]] [-o FILE]";

interface ExplainOptions {
  readonly input: string;
  readonly format: Format;
  readonly toScenario: boolean;
  readonly report: number;
  readonly output: string | null;
}

type Parsed = { readonly ok: true; readonly options: ExplainOptions } | { readonly ok: false; readonly message: string };

function parseArgs(args: readonly string[]): Parsed {
  let input: string | null = null;
  let format: Format = "text";
  let toScenarioFlag = false;
  let report = 1;
  let output: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inlineValue] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string | null => (inlineValue !== undefined ? inlineValue : (args[++i] ?? null));
    switch (flag) {
      case "--format": {
        const v = value();
        if (v === null || !(FORMATS as readonly string[]).includes(v)) return { ok: false, message: `--format takes text, json or dot${v === null ? "" : `, not ${JSON.stringify(v)}`}` };
        format = v as Format;
        break;
      }
      case "--to-scenario":
        toScenarioFlag = true;
        break;
      case "--report": {
        const v = value();
        const n = v === null ? Number.NaN : Number(v);
        if (!Number.isInteger(n) || n < 1) return { ok: false, message: "--report takes a report number (1, 2, ...)" };
        report = n;
        break;
      }
      case "-o":
      case "--output": {
        const v = value();
        if (v === null || v === "") return { ok: false, message: "-o takes a file name" };
        output = v;
        break;
      }
      default:
        if (arg !== "-" && arg.startsWith("-")) return { ok: false, message: `unknown option ${arg}` };
        if (input !== null) return { ok: false, message: "explain takes one input (a file or -)" };
        input = arg;
    }
  }
  if (input === null) return { ok: false, message: "explain needs a report file or - for standard input" };
  return { ok: true, options: { input, format, toScenario: toScenarioFlag, report, output } };
}

async function* stdinChunks(io: CliIo): AsyncGenerator<Uint8Array> {
  if (io.stdinStream) yield* io.stdinStream();
  else yield await io.readStdin();
}

/** The input as a stream, or a one-line reason it cannot be read. */
async function openInput(input: string, io: CliIo): Promise<{ chunks: AsyncIterable<Uint8Array | string> } | { error: string }> {
  if (input === "-") return { chunks: stdinChunks(io) };
  const path = resolve(io.cwd, input);
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { error: `${input}: is a directory` };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: `${input}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : "cannot be read"}` };
  }
  return { chunks: createReadStream(path, { highWaterMark: 256 * 1024 }) };
}

const fail = (io: CliIo, message: string): ExitCode => {
  io.stderr(`reclaimdep explain: ${message}\n`);
  return 2;
};

export async function explainCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseArgs(args);
  // One line only (DESIGN §6); the usage text is exported for the CLI's --help.
  if (!parsed.ok) return fail(io, parsed.message);
  const { options } = parsed;
  const opened = await openInput(options.input, io);
  if ("error" in opened) return fail(io, opened.error);

  const reports: SplatReport[] = [];
  try {
    for await (const report of parseSplats(opened.chunks)) reports.push(report);
  } catch (e) {
    return fail(io, `${options.input}: read failed (${(e as Error).message.split("\n")[0]})`);
  }
  const inputName = options.input === "-" ? "standard input" : options.input;
  if (reports.length === 0) return fail(io, `${inputName}: no lockdep or might_sleep report found`);

  let text: string;
  if (options.toScenario) {
    const chosen = reports[options.report - 1];
    if (!chosen) return fail(io, `--report ${options.report}: ${inputName} has ${reports.length} report${reports.length === 1 ? "" : "s"}`);
    text = toScenario(chosen);
  } else {
    text = options.format === "json" ? renderJson(reports) : options.format === "dot" ? renderDot(reports) : explainReports(reports);
  }
  if (options.output !== null) {
    try {
      await writeFile(resolve(io.cwd, options.output), text);
    } catch (e) {
      return fail(io, `${options.output}: cannot be written (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
  } else {
    io.stdout(text);
  }
  return 1;
}
