// The package's entry for Node (the `node` export condition): the same API
// as index.js, with the WebAssembly module already loaded synchronously from
// the .wasm file beside this one, so no `await init()` is needed (calling it
// is harmless).

import { readFileSync } from "node:fs";

import { initSync } from "./index.js";

initSync({ module: readFileSync(new URL("./home_infusion_validator_bg.wasm", import.meta.url)) });

export * from "./index.js";
export { default } from "./index.js";
