export * from "./events.js";
export * from "./records.js";
