// The error handler's last line: PostgreSQL refusals reach it as DrizzleQueryError wrapping the engine's
// DatabaseError, on PGlite and on node-postgres alike, and each class answers with a 4xx or a 503, never a
// bare 500. A serialization failure or deadlock runs the transaction once more before giving up.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { findDatabaseError } from "../../src/db/errors.ts";
import { inTransaction } from "../../src/db/transaction.ts";
import { databaseRefusal } from "../../src/http/error-handler.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { deps, client } = ctx;
const owner = await client.loginOwner();
const distributor = await client.registerShopper();
await client.post(`/api/admin/v1/distribution/distributors/${distributor.userId}/appoint`, {}, owner);

/** Runs `query`, expecting it to fail, and returns the answer the error handler would give. */
async function refusalOf(query: ReturnType<typeof sql>) {
  const error = await deps.db.execute(query).then(
    () => null,
    (e: unknown) => e,
  );
  const database = findDatabaseError(error);
  expect(database, String(error)).not.toBeNull();
  return { state: database!.code, refusal: databaseRefusal(database!) };
}

describe("database refusals map by SQLSTATE on this engine", () => {
  test.each([
    {
      label: "NUL in text",
      query: sql`select ${"a\u0000b"}::text`,
      state: "22021",
      code: "DATABASE_VALUE_INVALID",
    },
    {
      label: "bigint out of range",
      query: sql`select ${"9223372036854775808"}::bigint`,
      state: "22003",
      code: "DATABASE_VALUE_INVALID",
    },
    {
      label: "missing parent row",
      query: sql`insert into distributors (user_id, status, invite_code, granted_via, joined_at, updated_at) values (999999, 'active', 'ZZZZ9999', 'appointed', now(), now())`,
      state: "23503",
      code: "REFERENCE_NOT_FOUND",
    },
    {
      label: "row still in use",
      query: sql`delete from users where id in (select user_id from distributors)`,
      state: "23503",
      code: "STILL_REFERENCED",
    },
    {
      label: "duplicate key",
      query: sql`insert into staff (username, name, role, password_hash) select username, name, role, password_hash from staff limit 1`,
      state: "23505",
      code: "ALREADY_EXISTS",
    },
  ])("$label → $code", async ({ query, state, code }) => {
    const found = await refusalOf(query);
    expect(found.state).toBe(state);
    expect(found.refusal?.code).toBe(code);
  });

  test("an unknown table stays a fault of ours (500), not an input error", async () => {
    const found = await refusalOf(sql`select * from no_such_table`);
    expect(found.refusal).toBeNull();
  });
});

describe("a serialization failure is retried once, then answered 503", () => {
  const conflict = () =>
    Object.assign(new Error("could not serialize access"), { code: "40001", severity: "ERROR" });

  test("the second attempt commits", async () => {
    let attempts = 0;
    const result = await inTransaction(deps.db, async (tx) => {
      attempts++;
      await tx.execute(sql`select 1`);
      if (attempts === 1) throw conflict();
      return "done";
    });
    expect(result).toBe("done");
    expect(attempts).toBe(2);
  });

  test("two failures in a row give up, as SERVICE_BUSY", async () => {
    let attempts = 0;
    const error = await inTransaction(deps.db, async () => {
      attempts++;
      throw conflict();
    }).catch((e: unknown) => e);
    expect(attempts).toBe(2);
    expect(databaseRefusal(findDatabaseError(error)!)?.code).toBe("SERVICE_BUSY");
  });
});
