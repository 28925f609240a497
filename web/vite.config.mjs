import { defineConfig } from 'vite';
import wasm from 'vite-plugin-wasm';

// umbral-pre's browser build imports its .wasm as an ES module (wasm-bindgen's bundler target);
// the plugin instantiates it. es2022 keeps the top-level await that instantiation needs.
export default defineConfig({
  plugins: [wasm()],
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
  server: { port: 8080, strictPort: true },
  preview: { port: 8080, strictPort: true },
});
