import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are relative to this folder whatever the working directory (npm scripts run from the root).
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${here}../dist/web`,
    emptyOutDir: true,
    // Hashed file names under assets/: the server caches them as immutable.
    assetsDir: 'assets',
    sourcemap: true,
  },
  server: {
    // `npm run dev:web` proxies the API to a server started with `npm run dev` (port 8080).
    proxy: { '/v1': 'http://localhost:8080' },
  },
});
