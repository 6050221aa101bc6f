// The database layer on the engine of this project: migrations, int8 mapping, and transactions that
// never leak into one another (on PGlite a raw BEGIN would; our helper must not).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { queryRows } from "../src/db/client.ts";
import { refusalOf } from "../src/db/errors.ts";
import { migrationsFolder, runMigrations } from "../src/db/migrate.ts";
import { settings } from "../src/db/schema/platform.ts";
import { runStatement } from "../src/db/statement.ts";
import { inTransaction } from "../src/db/transaction.ts";
import { createTestDatabase, engine } from "./support/test-database.ts";

const database = await createTestDatabase();
afterAll(() => database.close());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`database on ${engine}`, () => {
  test("migrations created the tables and running them again changes nothing", async () => {
    await runMigrations(database);
    const tables = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["users", "staff", "sessions", "settings"]),
    );
  });

  test("a broken migration fails loudly", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "liebian-bad-mig-"));
    fs.cpSync(migrationsFolder, folder, { recursive: true });
    const journalPath = path.join(folder, "meta/_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalPath, "utf8"));
    journal.entries.push({
      idx: journal.entries.length,
      version: "7",
      when: Date.now(),
      tag: "9999_broken",
      breakpoints: true,
    });
    fs.writeFileSync(journalPath, JSON.stringify(journal));
    fs.writeFileSync(path.join(folder, "9999_broken.sql"), "alter table no_such_table add column x int;");
    await expect(runMigrations(database, folder)).rejects.toThrow();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test("int8 comes back as a JS number on this engine", async () => {
    const [row] = await queryRows<{ big: unknown; n: unknown }>(
      database.db,
      sql`select 9007199254740991::int8 as big, count(*) as n from users`,
    );
    expect(row?.big).toBe(9007199254740991);
    expect(typeof row?.n).toBe("number");
  });

  test("a transaction that rolls back does not take a concurrent request's write with it", async () => {
    const failing = inTransaction(database.db, async (tx) => {
      await tx.insert(settings).values({ section: "tx-a", value: { by: "A" } });
      await sleep(100);
      throw new Error("A fails");
    }).catch((error: Error) => error.message);
    await sleep(10);
    const succeeding = inTransaction(database.db, async (tx) => {
      await tx.insert(settings).values({ section: "tx-b", value: { by: "B" } });
    });
    const [outcomeA] = await Promise.all([failing, succeeding]);
    expect(outcomeA).toBe("A fails");
    const a = await database.db.select().from(settings).where(eq(settings.section, "tx-a"));
    const b = await database.db.select().from(settings).where(eq(settings.section, "tx-b"));
    expect(a).toHaveLength(0);
    expect(b).toHaveLength(1);
  });

  test("200 concurrent increments in transactions all land", async () => {
    await database.db.insert(settings).values({ section: "counter", value: { n: 0 } });
    await Promise.all(
      Array.from({ length: 200 }, () =>
        inTransaction(database.db, async (tx) => {
          await tx.execute(sql`select 1 from settings where section = 'counter' for update`);
          await tx.execute(
            sql`update settings set value = jsonb_build_object('n', (value->>'n')::int + 1) where section = 'counter'`,
          );
        }),
      ),
    );
    const [row] = await database.db.select().from(settings).where(eq(settings.section, "counter"));
    expect(row?.value).toEqual({ n: 200 });
  });

  test("statements a transaction starts together each get their own answer", async () => {
    await database.db.insert(settings).values([
      { section: "pair-a", value: { of: "a" } },
      { section: "pair-b", value: { of: "b" } },
    ]);
    // texts never run before, so both are prepared while the other is in flight (the dividend grade save
    // read its settings and the grades this way, and on the embedded engine got the grades' columns back)
    const [a, b, n] = await inTransaction(database.db, (tx) =>
      Promise.all([
        tx.select({ value: settings.value }).from(settings).where(eq(settings.section, "pair-a")),
        tx
          .select({ section: settings.section, value: settings.value })
          .from(settings)
          .where(eq(settings.section, "pair-b")),
        queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from settings where section like ${"pair-%"}`,
        ),
      ]),
    );
    expect(a).toEqual([{ value: { of: "a" } }]);
    expect(b).toEqual([{ section: "pair-b", value: { of: "b" } }]);
    expect(n).toEqual([{ n: 2 }]);
  });

  test("a statement that fails beside others started with it rolls the whole transaction back", async () => {
    const outcome = await inTransaction(database.db, (tx) =>
      Promise.all([
        tx.insert(settings).values({ section: "together-a", value: { n: 1 } }),
        queryRows(tx, sql`select 1 / 0 as boom`),
        tx.insert(settings).values({ section: "together-b", value: { n: 2 } }),
      ]),
    ).then(
      () => "committed",
      (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
    );
    // whichever refusal reaches Promise.all first: the division, or the statement behind it in the aborted transaction
    expect(outcome).toMatch(/division by zero|current transaction is aborted/);
    const left = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from settings where section like ${"together-%"}`,
    );
    expect(left).toEqual([{ n: 0 }]);
  });

  test("a transaction's last statement carries its COMMIT: what it wrote stays, a refusal it raises leaves nothing", async () => {
    const save = (section: string, refuse: boolean) =>
      inTransaction(database.db, async (tx) => {
        await tx.insert(settings).values({ section: `${section}-first`, value: {} });
        await runStatement(
          tx,
          `with saved as (insert into settings (section, value) values ($1, '{}'::jsonb))
           select app_refuse('STOCK_INSUFFICIENT', jsonb_build_object('skuId', 7)) where $2::boolean`,
          [`${section}-last`, refuse],
          { endsTransaction: true },
        );
        return "returned";
      });
    expect(await save("last-kept", false)).toBe("returned");
    const refusal = await save("last-refused", true).then(() => null, refusalOf);
    expect(refusal).toEqual({ code: "STOCK_INSUFFICIENT", details: { skuId: 7 } });
    const left = await queryRows<{ section: string }>(
      database.db,
      sql`select section from settings where section like ${"last-%"} order by section`,
    );
    expect(left.map((r) => r.section)).toEqual(["last-kept-first", "last-kept-last"]);
    // the connection is clean for the next transaction on it (no COMMIT left to answer)
    const after = await inTransaction(database.db, (tx) => queryRows<{ n: number }>(tx, sql`select 1 as n`));
    expect(after).toEqual([{ n: 1 }]);
  });

  test.runIf(engine === "postgres")(
    "a statement sent after a transaction's last statement is refused",
    async () => {
      const outcome = await inTransaction(database.db, async (tx) => {
        await runStatement(
          tx,
          "insert into settings (section, value) values ($1, '{}'::jsonb)",
          ["after-last"],
          {
            endsTransaction: true,
          },
        );
        await runStatement(tx, "select $1::int as n", [1]);
      }).then(
        () => "ran",
        (error: Error) => error.message,
      );
      expect(outcome).toMatch(/after its transaction's last statement/);
    },
  );
});
