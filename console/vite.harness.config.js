import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer harness of the browser tests (harness/main.jsx): built to target/harness, outside target/classes, so
// it is never packed into the console jar. Relative paths, so any static server can serve the folder.
export default defineConfig({
  root: 'harness',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../target/harness',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
  },
});
