// How many API processes start on PostgreSQL when WORKERS is not set: the database's own machine keeps half
// the cores for its backends; a database elsewhere leaves them all to the API.
import { describe, expect, test } from "vitest";
import { defaultWorkers } from "../../src/config.ts";

describe("API processes by default", () => {
  test.each([
    ["postgres://postgres@127.0.0.1:5432/shop", 2, 1],
    ["postgres://postgres@localhost/shop", 8, 4],
    ["postgres://postgres@[::1]:5432/shop", 4, 2],
    ["postgres:///shop?host=/var/run/postgresql", 16, 8],
    ["postgres://postgres@localhost/shop", 1, 1],
    ["postgres://app@db.internal:5432/shop", 2, 2],
    ["postgres://app@10.0.0.5/shop", 8, 8],
  ])("%s on %i cores → %i", (url, cores, workers) => {
    expect(defaultWorkers(url, cores)).toBe(workers);
  });
});
