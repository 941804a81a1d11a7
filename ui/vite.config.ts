import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Tauri serves the built files itself; the dev server is only for `npm run dev`.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  // The catalogues live beside the crates (`../locales`), shared with the CLI.
  server: { port: 5173, strictPort: true, fs: { allow: ['.', '../locales'] } },
  build: { target: 'safari15', outDir: 'dist', emptyOutDir: true },
  // Tests mount components: Svelte's browser build, in jsdom.
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
}));
