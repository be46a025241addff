/**
 * The benchmark registry: every module directly in `bench/` calls {@link registerBenchmark} when
 * imported, and `bench/run.ts` runs what registered. A benchmark returns figures as data; the
 * runner prints them and writes the benchmark's own section of `bench/RESULTS.md`.
 */

/** What the runner hands a benchmark. */
export interface BenchContext {
  /** `--quick`: a short smoke run; figures are not representative. */
  readonly quick: boolean;
  /** Progress lines (stderr), so stdout stays the result table. */
  readonly log: (line: string) => void;
}

/** One table of figures: a header row and rows of already formatted cells. */
export interface FigureTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A benchmark's answer: tables plus notes (one sentence each) explaining the setup. */
export interface BenchResult {
  readonly tables: readonly FigureTable[];
  readonly notes: readonly string[];
}

export interface Benchmark {
  /** Lower-case word used on the command line and as the RESULTS.md section name. */
  readonly name: string;
  /** One line: what is measured. */
  readonly summary: string;
  readonly run: (context: BenchContext) => Promise<BenchResult>;
}

const BENCHMARK_NAME = /^[a-z][a-z0-9-]*$/;
const registered = new Map<string, Benchmark>();

/** Registers a benchmark; a bad or duplicate name is a programming error in `bench/`. */
export function registerBenchmark(benchmark: Benchmark): void {
  if (!BENCHMARK_NAME.test(benchmark.name)) {
    throw new Error(`benchmark name ${JSON.stringify(benchmark.name)} must match ${BENCHMARK_NAME}`);
  }
  if (registered.has(benchmark.name)) {
    throw new Error(`benchmark ${benchmark.name} registered twice`);
  }
  registered.set(benchmark.name, benchmark);
}

/** Registered benchmarks in name order. */
export function registeredBenchmarks(): readonly Benchmark[] {
  return [...registered.values()].sort((a, b) => a.name.localeCompare(b.name));
}
