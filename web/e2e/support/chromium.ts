// Where the browser tests find Chromium: Debian's package, or CHROMIUM_PATH.
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
