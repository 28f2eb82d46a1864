import path from 'node:path';
import { defineConfig } from 'vite';

// The renderer is one static bundle served by Electron (file://) and by the browser shell (http://127.0.0.1).
export default defineConfig({
  root: path.resolve(__dirname, 'renderer'),
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: path.resolve(__dirname, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 1500,
  },
});
