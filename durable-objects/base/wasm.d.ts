// A .wasm import is a compiled WebAssembly.Module in workerd (wrangler's and Miniflare's
// CompiledWasm module type), to be instantiated with `new WebAssembly.Instance`.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
