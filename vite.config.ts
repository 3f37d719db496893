import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const API = 'http://127.0.0.1:3000'
const proxied = ['/api', '/tiles', '/ogc', '/open311', '/docs']

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB minified; the views themselves stay small.
    chunkSizeWarningLimit: 1200,
    // Written beside the build for decoding stack traces, but not named in the scripts, and the
    // server does not serve them: they hold the whole client source.
    sourcemap: 'hidden',
    rolldownOptions: {
      output: {
        // Vendor chunks change less often than our code, so the wall's cache survives our releases.
        // Only libraries every view needs are named here; deck.gl and echarts stay with the lazy
        // chunks that import them.
        codeSplitting: {
          groups: [
            // Not the `?url` import of maplibre's worker (a string): the wall asks for that URL before
            // it loads maplibre-gl, and the group would tie the whole library to it.
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/][^?]*$/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: API, changeOrigin: false }])),
  },
  preview: {
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: API, changeOrigin: false }])),
  },
})
