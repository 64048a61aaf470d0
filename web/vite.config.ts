import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In development the API runs as its own process; proxying keeps it on the pages' origin,
// as in production, so cookies and the CSRF check behave the same.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 3001}`;

export default defineConfig({
  plugins: [
    sveltekit({
      // The API server mounts build/handler.js on the same origin as /api.
      adapter: adapter({ out: 'build' }),
      // The site's styles are small (the root's about 7 kB): put them in the page rather than make a
      // phone on a slow line fetch each file before it can draw anything (Lighthouse's LCP). The
      // CSP stays strict: SvelteKit adds each inlined style's hash to style-src.
      inlineStyleThreshold: 8 * 1024,
      // The server turns helmet's CSP off for pages, so this is the only CSP they get.
      // Hashes, not nonces: SvelteKit hashes the inline scripts of each page it draws (the public
      // pages are drawn on the server with their data), so a page needs no per-response secret and
      // one drawn for nobody stays the same for everyone.
      csp: {
        mode: 'hash',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self'],
          // SvelteKit's route announcer carries one fixed inline style (sveltejs/kit#11993); allow
          // exactly that attribute by its hash rather than every inline style.
          'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
          'img-src': ['self', 'data:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'form-action': ['self'],
          'base-uri': ['self'],
          'object-src': ['none'],
          'frame-ancestors': ['none'],
        },
      },
    }),
  ],
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
});
