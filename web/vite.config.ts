/**
 * The dashboard's build. `npm run web:build` writes web/dist (served by the local runtime at /app/;
 * or upload it to S3 behind CloudFront under /app/ with a config.json). `npm run web:dev` serves it
 * with hot reload and proxies the API to a running `npm start` (MEDIAGRAPH_API, default
 * http://127.0.0.1:4000).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { pwa } from './build/pwa-plugin.ts';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const api = process.env.MEDIAGRAPH_API ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: webDir,
  base: '/app/',
  plugins: [react(), pwa(webDir)],
  build: {
    outDir: path.join(webDir, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 600,
    // The plugin-timing report is noise on a shared two-core machine.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    port: 5173,
    strictPort: false,
    // The shared clients and schema types live outside web/.
    fs: { allow: [path.resolve(webDir, '..')] },
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: false },
      '/auth': api,
      '/app/config.json': api,
    },
  },
});
