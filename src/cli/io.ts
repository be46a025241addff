/**
 * What a command needs from the outside world, so commands run the same in the CLI, in tests
 * and in the playground: output streams and stdin. Commands return their exit status
 * (0 no finding, 1 findings, 2 bad input or usage; DESIGN.md §6) instead of exiting.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** All of standard input as bytes (for `-`); commands that stream may use `stdinStream`. */
  readonly readStdin: () => Promise<Uint8Array>;
  readonly stdinStream?: () => AsyncIterable<Uint8Array>;
  /** Current directory for relative paths. */
  readonly cwd: string;
}

export type ExitCode = 0 | 1 | 2;
