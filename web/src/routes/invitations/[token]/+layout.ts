// Drawn in the browser: this page is about the signed-in person (or carries a one-time link's
// token), so it has nothing to gain from the server and nothing of it may sit in a cache.
export const ssr = false;
