// Distribution at scale on PostgreSQL: a 1,000,000-user referral tree in a throwaway database migrated with our
// migrations, then binding (the locked ancestor walk of the binding service), 3-level upline lookups and team
// counts by level. Writes bench/results/distribution-scale.json. The release sweep over 1M commissions is not run.
import { sql } from "drizzle-orm";
import { openPostgres, queryRows } from "../../packages/server/src/db/client.ts";
import { runMigrations } from "../../packages/server/src/db/migrate.ts";
import { inTransaction } from "../../packages/server/src/db/transaction.ts";
import { findAncestors, lockBindingGraph } from "../../packages/server/src/modules/binding/repo.ts";
import { createDatabase, dropDatabase } from "./lib/postgres.ts";
import { writeResult } from "./lib/result.ts";
import { round, rssSampler } from "./lib/stats.ts";

const USERS = Number(process.env.BENCH_USERS ?? 1_000_000);

export default async function distributionScale(): Promise<void> {
  const name = `liebian_bench_${process.pid}`;
  const rss = rssSampler();
  const steps: Record<string, unknown>[] = [];
  const database = await openPostgres(createDatabase(name), 10);
  const db = database.db;
  const time = async <T>(step: string, count: number, work: () => Promise<T>) => {
    const t0 = performance.now();
    const out = await work();
    const seconds = round((performance.now() - t0) / 1000, 3);
    steps.push({
      step,
      count,
      seconds,
      perOpMs: round((seconds * 1000) / count, 3),
      peakRssMb: rss.peakMb(),
    });
    console.log(`${step}: ${seconds} s`);
    return out;
  };
  try {
    await runMigrations(database);
    await time("generate tree (users, distributors, bindings)", USERS, async () => {
      await db.execute(sql`insert into users (nickname) select 'u' || g from generate_series(1, ${USERS}) g`);
      await db.execute(sql`insert into distributors (user_id, status, invite_code, granted_via, joined_at, updated_at)
        select id, 'active', 'c' || id, 'everyone', now(), now() from users`);
      // parent = a random earlier user (random-recursive tree, as in performance-anchors §2)
      await db.execute(sql`insert into referral_bindings (user_id, upline_user_id, source, bound_at, protected_until)
        select id, 1 + floor(random() * (id - 1))::bigint, 'link', now(), now() from users where id > 1`);
      await db.execute(sql`analyze`);
    });
    const now = new Date();
    await time("upline (3 ancestors) lookup", 10_000, async () => {
      for (let i = 0; i < 10_000; i++) await findAncestors(db, 1 + Math.floor(Math.random() * USERS), now, 3);
    });
    await time("bind new user (locked ancestor walk + insert)", 1000, async () => {
      for (let i = 0; i < 1000; i++) {
        await inTransaction(db, async (tx) => {
          const [user] = await queryRows<{ id: number }>(
            tx,
            sql`insert into users (nickname) values ('new') returning id`,
          );
          const upline = 1 + Math.floor(Math.random() * USERS);
          await lockBindingGraph(tx);
          const ancestors = await findAncestors(tx, upline, now);
          if (ancestors.includes(user!.id)) throw new Error("cycle");
          await tx.execute(sql`insert into referral_bindings (user_id, upline_user_id, source, bound_at, protected_until)
            values (${user!.id}, ${upline}, 'link', now(), now())`);
        });
      }
    });
    const levels = await time("team counts by level (root, whole tree)", 1, () =>
      queryRows<{ depth: number; n: number }>(
        db,
        sql`with recursive down(id, depth) as (
              select user_id, 1 from referral_bindings where upline_user_id = 1
              union all
              select b.user_id, d.depth + 1 from down d join referral_bindings b on b.upline_user_id = d.id
            ) select depth, count(*)::int8 as n from down group by depth order by depth`,
      ),
    );
    const descendants = levels.reduce((s, l) => s + l.n, 0);
    rss.stop();
    writeResult("distribution-scale", {
      users: USERS,
      steps,
      teamOfRoot: { descendants, levels: levels.length, first3: levels.slice(0, 3) },
      peakRssMb: rss.peakMb(),
      notes: [
        "Binding times the SQL of the binding service (advisory graph lock, recursive ancestor walk, insert) through the real repo functions, not attemptBind itself.",
        "Team counts walk down referral_bindings_upline_idx (upline_user_id, bound_at).",
        "NOT RUN: the release sweep over 1,000,000 frozen commissions (releaseCommissions.run) — out of time.",
      ],
    });
  } finally {
    await database.close();
    dropDatabase(name);
  }
}
