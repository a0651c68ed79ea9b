import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is served by storelink serve under /console/; Maven packs the build into the console jar's
// io/storelink/console/ folder, which the server reads from its class path.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'target/classes/io/storelink/console',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
  },
});
