import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// web/ is the Vite root; the server (server/src/app.ts) serves web/dist with an SPA fallback.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // MapLibre (≈ 1 MB) lives in its own lazily loaded chunk; antd is the bulk of the shell.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
