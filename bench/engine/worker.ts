/**
 * Child-process entry for one engine benchmark variant. Each variant runs in a fresh process so
 * its peak RSS and heap belong to it alone (a 20M-event run must not inherit a 10M run's heap).
 * Input: one JSON argument (a VariantRequest, protocol.ts); output: one IPC message (a
 * VariantReport), or one JSON line on stdout when started by hand.
 */
import { Engine } from "../../src/engine/index.js";
import { replay } from "./replay.js";
import type { VariantReport, VariantRequest } from "./protocol.js";
import { buildEngineStream } from "./stream.js";

function runVariant(request: VariantRequest): VariantReport {
  const { heapUsed, rss } = process.memoryUsage();
  const buildStart = performance.now();
  const stream = buildEngineStream(request.stream);
  const buildMs = performance.now() - buildStart;
  const figures = replay(new Engine(), stream, request.plan, request.form ?? "objects");
  return {
    label: request.label,
    poolEvents: stream.pool.length,
    classesDefined: stream.classes.byId.length,
    abbaPairs: stream.abbaPairs.length,
    profile: stream.profile,
    buildMs,
    atStart: { heapUsed, rss },
    figures,
  };
}

function parseRequest(text: string | undefined): VariantRequest | undefined {
  try {
    const value: unknown = JSON.parse(text ?? "");
    const ok = typeof value === "object" && value !== null && "label" in value && "stream" in value && "plan" in value;
    return ok ? (value as VariantRequest) : undefined;
  } catch {
    return undefined;
  }
}

const request = parseRequest(process.argv[2]);
if (request === undefined) {
  process.stderr.write("usage: tsx bench/engine/worker.ts '{\"label\":...,\"stream\":{...},\"plan\":{...}}'\n");
  process.exitCode = 2;
} else {
  const report = runVariant(request);
  if (process.send) process.send(report);
  else process.stdout.write(`${JSON.stringify(report)}\n`);
}
