import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { isServerNavigation, SERVER_PATHS, serverPathPattern } from './src/app/server-paths.ts';

/** The API server the dev server forwards to (`npm run dev` starts it on port 3000). */
const api = process.env.VITE_API_PROXY ?? 'http://127.0.0.1:3000';
const BRAND_BLUE = '#0b5cad';

/**
 * src/boot.ts as a script of its own, first in index.html (the build only: Vite would fold a second
 * script of the page into the first): module scripts run in document order, each once it and those
 * before it have arrived, so this small one starts the catalogs' and the page's downloads without
 * waiting for the app's larger scripts.
 */
function bootScript(): Plugin {
  const entry = 'src/boot.ts';
  return {
    name: 'vssid-boot-script',
    apply: 'build',
    config: () => ({ build: { rolldownOptions: { input: { index: 'index.html', boot: entry } } } }),
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) => {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.facadeModuleId?.endsWith(entry),
        );
        if (!chunk) throw new Error(`${entry} was not built`);
        return [
          {
            tag: 'script',
            attrs: { type: 'module', crossorigin: true, src: `/${chunk.fileName}` },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    bootScript(),
    VitePWA({
      // A new version waits until the person accepts it (src/app/update-prompt.tsx).
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        id: '/',
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
        theme_color: BRAND_BLUE,
        background_color: '#ffffff',
        categories: ['government', 'health', 'finance'],
        icons: [
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell: scripts, styles, the page, icons and the catalogs (one chunk per language).
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: SERVER_PATHS.map(serverPathPattern),
        cleanupOutdatedCaches: true,
        // Web Push (issue 25): the worker shows a push and opens the inbox when it is tapped.
        importScripts: ['/push-sw.js'],
        runtimeCaching: [
          {
            // Pages the server renders itself (API docs…): the network, or offline.html without one.
            urlPattern: isServerNavigation,
            handler: 'NetworkOnly',
            options: { precacheFallback: { fallbackURL: '/offline.html' } },
          },
        ],
      },
    }),
  ],
  // The manifest (dist/.vite/manifest.json) names the chunk of each page: the browser tests check
  // with it that a citizen's pages download no back-office code.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    rolldownOptions: {
      output: {
        // What every first load runs in two chunks instead of a dozen small ones (each a request
        // with a kilobyte of headers): boot.ts's few modules, and the rest of the app's start.
        codeSplitting: {
          groups: [
            {
              name: 'boot',
              test: /src\/(app\/citizen-pages|i18n\/(catalogs|language)|shared\/paths)\.ts$|preload-helper|domain\/src\/i18n\//,
              tags: ['$initial'],
              priority: 2,
            },
            // The entries stay in their own chunks (index.html names them).
            {
              name: 'app',
              test: (id) => !/src\/(main\.tsx|boot\.ts)$|index\.html/.test(id),
              tags: ['$initial'],
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    // `^…` keys are regular expressions: /api and /api/…, but not /apiary.
    proxy: Object.fromEntries(
      SERVER_PATHS.map((prefix) => [serverPathPattern(prefix).source, { target: api, changeOrigin: false }]),
    ),
  },
  preview: { port: 4173 },
});
