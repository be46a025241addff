#!/usr/bin/env node
/**
 * The `reclaimdep` command: dispatches to one module per subcommand. Every command takes a
 * CliIo and returns its exit status; this file is the only one that touches process.
 */
import { checkCommand } from "./check.js";
import type { CliIo, ExitCode } from "./io.js";
import { VERSION } from "./version.js";

const USAGE = `usage: reclaimdep <command> [options]

commands:
  check FILE...            check scenarios (C files; a directory checks each .c below it)
  explain SPLAT_FILE|-     parse and explain a lockdep or might_sleep report
  --version                print the version

run 'reclaimdep <command> --help' for a command's options`;

type Command = (args: readonly string[], io: CliIo) => Promise<ExitCode>;

const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  check: async () => checkCommand,
  explain: async () => (await import("./explain.js")).explainCommand,
};

export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-V") {
    io.stdout(`reclaimdep ${VERSION}\n`);
    return 0;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`reclaimdep: unknown command ${JSON.stringify(name)}\n${USAGE}\n`);
    return 2;
  }
  return (await load())(rest, io);
}

export const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  },
  stdinStream: () => process.stdin,
  cwd: process.cwd(),
};

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly || process.argv[1]?.endsWith("/reclaimdep")) {
  main(process.argv.slice(2), processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // A thrown error here is a bug of ours, never bad input: say so plainly.
      process.stderr.write(`reclaimdep: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
