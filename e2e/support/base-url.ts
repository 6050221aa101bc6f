// The server this file drives: the one of the worker it runs on (support/server.ts starts one per worker, and a
// worker runs one file at a time), so no other file changes its shop while it runs.
import { inject } from "vitest";

const urls = inject("baseUrls");
export const baseUrl = urls[(Number(process.env.VITEST_POOL_ID ?? "1") - 1) % urls.length]!;
