// Debian's chromium, launched once per worker by global-setup.ts: a file connects to it in milliseconds
// (browser.ts) instead of starting a browser of its own, which took seconds of the loaded 2-core machine.
import { type BrowserServer, chromium } from "playwright-core";

export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
