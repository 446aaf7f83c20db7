/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The Flask dev server (make dev) listens here; nginx plays this role in the stack.
// INKWELL_API points the dev server at another instance (e.g. a second backend on another port).
const backend = process.env.INKWELL_API ?? 'http://127.0.0.1:5000';

export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } })],
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/socket.io': { target: backend, ws: true, changeOrigin: false },
    },
  },
  build: {
    target: 'es2022',
    // The budget script measures what index.html loads up front; keep maps out of dist.
    sourcemap: false,
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
