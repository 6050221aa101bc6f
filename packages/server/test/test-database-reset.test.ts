// The embedded engine's test databases are reused: a file's instance is reset when it closes and handed to
// the worker's next file. Every file must start from what a fresh copy of the migrated template holds —
// the migrations' own rows put back, sequences where they were — or files would see one another's rows.
import { describe, expect, test } from "vitest";
import { createTestDatabase, engine, type TestDatabase } from "./support/test-database.ts";

/** Every public table's rows and every sequence's position, as text. */
async function contents(database: TestDatabase) {
  const pglite = database.pglite!;
  const tables = await pglite.query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public' order by 1`,
  );
  const rows: Record<string, string> = {};
  for (const { name } of tables.rows)
    rows[name] = (
      await pglite.query<{ json: string }>(
        `select coalesce(json_agg(t order by t)::text, '') as json from ${name} t`,
      )
    ).rows[0]!.json;
  const sequences = await pglite.query(
    `select sequencename, last_value from pg_sequences where schemaname = 'public' order by 1`,
  );
  return { rows, sequences: sequences.rows };
}

describe.skipIf(engine !== "pglite")("a reused embedded test database", () => {
  test("starts as the template after a file that wrote, deleted and made a table", async () => {
    const fresh = await createTestDatabase();
    const template = await contents(fresh);
    await fresh.close();
    // the migrations insert rows (0049's shared frozen account): a reset must put them back
    expect(Object.values(template.rows).filter(Boolean).length).toBeGreaterThan(0);

    const used = await createTestDatabase();
    await used.pglite!.exec(`
      insert into users (phone, nickname) values ('13900000001', 'a'), ('13900000002', 'b');
      update ledger_accounts set balance_fen = balance_fen - 5;
      insert into ledger_accounts (code) values ('commission_available:u:1');
      insert into settings (section, value) values ('shop', '{}');
      delete from users where phone = '13900000002';
      insert into audit_log (staff_username, action, entity) values ('x', 'y', 'z');
      delete from audit_log;
      create table orders_2031_01 (id bigint);`);
    await used.close();

    const reused = await createTestDatabase();
    try {
      // the same instance, reset (a reset that failed would close it and load the template anew)
      expect(reused.pglite).toBe(used.pglite);
      expect(await contents(reused)).toEqual(template);
    } finally {
      await reused.close();
    }
  });
});
