export { renderText } from "./render.js";
export type { TextOptions } from "./context.js";
export { identityLine } from "./banner.js";
