// When a test fails (most often a wait that ran out of time), every page the file still has open is
// photographed as `failed-<test>-<n>.png` beside the other screenshots: under CI's load the log alone does
// not say whether the screen was still loading, showed an error, or was on another page.
import { beforeEach } from "vitest";
import { connectedBrowser, screenshot } from "./browser.ts";

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    const pages = connectedBrowser?.contexts().flatMap((context) => context.pages()) ?? [];
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 60);
    for (const [i, page] of pages.entries())
      await screenshot(page, `failed-${name}-${i + 1}`).catch(() => {}); // a closed page has nothing to show
  });
});
