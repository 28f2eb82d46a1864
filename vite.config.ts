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
    rollupOptions: {
      // Rollup quotes, in full, every comment in a dependency that holds a `@__PURE__` it cannot place (zod's
      // sources do) and then drops it: nothing for this project to act on, and pages of noise on `npm start`.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/')) return;
        warn(warning);
      },
    },
  },
});
