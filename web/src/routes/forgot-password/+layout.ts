// Drawn in the browser, as before: reached from the sign-in page, it is not one a newcomer lands on.
export const ssr = false;
