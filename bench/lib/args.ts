/** Command line of `npm run bench -- [NAME...] [--quick] [--no-write]`. */

export interface RunOptions {
  /** Benchmarks to run; empty means all registered. */
  readonly names: readonly string[];
  /** Short smoke run; never written to RESULTS.md (its figures are not representative). */
  readonly quick: boolean;
  /** Rewrite the benchmarks' sections of RESULTS.md. */
  readonly write: boolean;
  readonly help: boolean;
}

export interface UsageError {
  readonly message: string;
}

export const USAGE = `usage: npm run bench -- [NAME...] [--quick] [--no-write]
  NAME        run only these benchmarks (default: all registered in bench/)
  --quick     short smoke run; prints figures, leaves bench/RESULTS.md alone
  --no-write  full run without rewriting bench/RESULTS.md`;

export function parseRunArgs(argv: readonly string[]): RunOptions | UsageError {
  const names: string[] = [];
  let quick = false;
  let noWrite = false;
  let help = false;
  for (const arg of argv) {
    if (arg === "--quick") quick = true;
    else if (arg === "--no-write") noWrite = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg.startsWith("-")) return { message: `unknown option ${arg}\n${USAGE}` };
    else if (!names.includes(arg)) names.push(arg);
  }
  return { names, quick, write: !quick && !noWrite, help };
}

/** The command as the user would type it again, for RESULTS.md. */
export function commandLine(argv: readonly string[]): string {
  const viaNpm = process.env["npm_lifecycle_event"] === "bench";
  const base = viaNpm ? "npm run bench" : "npx tsx bench/run.ts";
  if (argv.length === 0) return base;
  return viaNpm ? `${base} -- ${argv.join(" ")}` : `${base} ${argv.join(" ")}`;
}
