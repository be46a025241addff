/** Runs one variant in a child process (see worker.ts) and returns its report. */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { VariantReport, VariantRequest } from "./protocol.js";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));

/** The child inherits this process's execArgv, i.e. tsx's loader, so it can run TypeScript. */
export function runVariantInChild(request: VariantRequest): Promise<VariantReport> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [JSON.stringify(request)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let report: VariantReport | undefined;
    child.on("message", (message) => {
      report = message as VariantReport;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (report !== undefined) resolve(report);
      else reject(new Error(`engine variant "${request.label}" exited with ${signal ?? `status ${code}`} and no report`));
    });
  });
}
