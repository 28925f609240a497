import { defineConfig } from 'vite';
import wasm from 'vite-plugin-wasm';

// The decryption benchmark's page, built apart from the market page (bench/run.mjs).
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [wasm()],
  build: { target: 'es2022', outDir: '../dist-bench', emptyOutDir: true, chunkSizeWarningLimit: 2048 },
  logLevel: 'warn',
});
