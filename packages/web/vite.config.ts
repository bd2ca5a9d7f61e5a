import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const api = process.env.VITE_API_PROXY ?? 'http://127.0.0.1:3000';
/** Paths the server answers; never served from the app shell. */
const SERVER_PATHS = ['/api', '/fhir', '/healthz', '/readyz', '/.well-known', '/dev'];

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon-64x64.png', 'apple-touch-icon.png', 'logo.svg', 'offline.html'],
      manifest: {
        name: 'VssID – Bảo hiểm xã hội số',
        short_name: 'VssID',
        description:
          'Ứng dụng Bảo hiểm xã hội số: thẻ BHYT, quá trình tham gia, thông tin hưởng, dịch vụ công.',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0b5cad',
        background_color: '#ffffff',
        categories: ['government', 'health', 'finance'],
        icons: [
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: '/maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,json}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: SERVER_PATHS.map((p) => new RegExp(`^${p.replace('.', '\\.')}(/|$)`)),
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // Pages the server renders (API docs…) show the offline page when the network is gone.
            urlPattern: ({ request, url }) =>
              request.mode === 'navigate' &&
              /^\/(api|fhir|healthz|readyz|\.well-known|dev)(\/|$)/.test(url.pathname),
            handler: 'NetworkOnly',
            options: { precacheFallback: { fallbackURL: '/offline.html' } },
          },
        ],
      },
    }),
  ],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: Object.fromEntries(SERVER_PATHS.map((p) => [p, { target: api, changeOrigin: false }])),
  },
});
