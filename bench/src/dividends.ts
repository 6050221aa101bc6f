// Dividend runs at scale on PostgreSQL, in a throwaway database migrated with our migrations: a daily static
// pool run over N dividend members (three grades, a day cap in force so every member's room is read) and a
// team-dividend month (级差, depth 3) over an N-user random-recursive referral tree, each previewed (the real
// previewRun: set-based reads in key-ordered pages of 100,000, the domain's split, lines written as JSON
// pages) and approved (the real approveRun: one ledger transaction paying every line), then approved again
// (refused, nothing changes); then the daily dividend-grade sweep over every user. Seconds and peak RSS per step.
// Size: `npm run bench -- dividends 1000000` (or BENCH_USERS). Writes bench/results/dividends.json.
import os from "node:os";
import { periodOf } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { type Db, openPostgres, queryRows } from "../../packages/server/src/db/client.ts";
import { runMigrations } from "../../packages/server/src/db/migrate.ts";
import { approveRun } from "../../packages/server/src/modules/dividends/approve-run.ts";
import { upgradeAllDividendGrades } from "../../packages/server/src/modules/dividends/grade-sweep.ts";
import { previewRun } from "../../packages/server/src/modules/dividends/preview-run.ts";
import { upsertSettingsRow } from "../../packages/server/src/modules/dividends/repo.ts";
import { auditLedger, ledgerAuditClean } from "../../packages/server/src/modules/ledger/audit.ts";
import { seedRandomTree } from "./lib/distribution-seed.ts";
import { createDatabase, dropDatabase } from "./lib/postgres.ts";
import { writeResult } from "./lib/result.ts";
import { round, rssSampler } from "./lib/stats.ts";

const USERS = Number(process.argv[3] ?? process.env.BENCH_USERS ?? 1_000_000);
const actor = { staffId: 1, username: "bench", requestId: "bench", ip: "127.0.0.1" };

type Step = { step: string; count: number; seconds: number; peakRssMb: number };

export default async function dividends(): Promise<void> {
  const name = `liebian_bench_div_${process.pid}`;
  const rss = rssSampler();
  const steps: Step[] = [];
  const database = await openPostgres(createDatabase(name), 10);
  const db = database.db;
  const time = async <T>(step: string, count: number, work: () => Promise<T>): Promise<T> => {
    global.gc?.();
    const sampler = rssSampler(10);
    const t0 = performance.now();
    const out = await work();
    const seconds = round((performance.now() - t0) / 1000, 3);
    sampler.stop();
    steps.push({ step, count, seconds, peakRssMb: sampler.peakMb() });
    console.log(`${step}: ${seconds} s, peak RSS ${sampler.peakMb()} MB`);
    return out;
  };
  const load = [os.loadavg()[0]!];
  try {
    await runMigrations(database);
    // the previous month holds every counted order; its 15th is the pool day
    const now = new Date();
    const month = periodOf("month", periodOf("month", now.getTime()).startMs - 1);
    const day = periodOf("day", month.startMs + 14 * 86_400_000);
    const deps = { db, now: () => now };

    await time("generate tree (users, distributors, bindings)", USERS, () => seedRandomTree(db, USERS));
    await time("seed one completed order per user, completed on the pool day", USERS, () =>
      seedCompletedOrders(db, new Date(day.startMs + 3_600_000)),
    );
    await time("seed dividend grades (5% / 4% / 3%) and every user a member", USERS, () => seedMembers(db));
    await upsertSettingsRow(
      db,
      {
        pool: {
          mode: "static",
          allocation: "per_grade",
          weightedPoolBps: 0,
          levels: [],
          capOverflow: "redistribute",
        },
        caps: { dayFen: 30_000, monthFen: null, quarterFen: null, yearFen: null },
        team: {
          enabled: true,
          mode: "differential",
          depth: 3,
          tiers: [
            { thresholdFen: 100_000, rateBps: 100 },
            { thresholdFen: 1_000_000, rateBps: 200 },
            { thresholdFen: 10_000_000, rateBps: 300 },
          ],
        },
      },
      now,
    );
    await db.execute(sql`analyze`);
    load.push(os.loadavg()[0]!);

    const staticRun = await time("static pool day: preview (previewRun)", USERS, () =>
      previewRun(deps, { kind: "static", periodKey: day.key, staffId: 1 }),
    );
    await time("static pool day: approve (approveRun, one ledger transaction)", USERS, () =>
      approveRun(deps, actor, staticRun.run.id),
    );
    const staticAgain = await refusedAgain(deps, staticRun.run.id);
    load.push(os.loadavg()[0]!);

    const teamRun = await time("team dividend month: preview (previewRun over the tree)", USERS, () =>
      previewRun(deps, { kind: "team", periodKey: month.key, staffId: 1 }),
    );
    await time("team dividend month: approve (approveRun)", teamRun.run.members, () =>
      approveRun(deps, actor, teamRun.run.id),
    );
    const teamAgain = await refusedAgain(deps, teamRun.run.id);
    // the daily dividend-grade sweep over every user: a grade reached on 3 direct distributors and ¥10,000 of
    // team orders within 3 levels (one set-based pass into a temporary table; moves written one statement per
    // page of 100,000)
    await db.execute(sql`insert into dividend_grades (rank, name, rate_bps, tasks, updated_at)
      values (4, 'platinum', 0, '{"directDistributors": 3, "teamSpendFen": 1000000}', now())`);
    const upgraded = await time("dividend grade sweep (upgradeAllDividendGrades)", USERS, () =>
      upgradeAllDividendGrades(deps, now),
    );
    console.log(`grade sweep moved ${upgraded} members up`);
    const audit = await time("ledger audit", 1, () => auditLedger(db));
    load.push(os.loadavg()[0]!);
    rss.stop();

    const pick = (prefix: string) => steps.filter((s) => s.step.startsWith(prefix));
    writeResult("dividends", {
      command: `npm run bench -- dividends ${USERS}`,
      users: USERS,
      summary: {
        staticRun: pick("static pool day"),
        teamMonth: pick("team dividend month"),
        gradeSweep: { ...pick("dividend grade sweep")[0], movedUp: upgraded },
        staticStatement: pickStatement(staticRun.run),
        teamStatement: pickStatement(teamRun.run),
        secondApprovalRefused: { static: staticAgain, team: teamAgain },
        ledgerAuditClean: ledgerAuditClean(audit),
        loadAverage1m: load,
      },
      steps,
      peakRssMb: rss.peakMb(),
      notes: [
        "Machine shared: 2 cores with other helpers running test suites; figures are meaningful only on a quiet machine.",
        "Static: members read in user-id pages of 100,000 with their grade; the day cap's received-so-far is one grouped query over approved runs; the split is the domain's computeStaticPool; lines are written as JSON pages.",
        "Team: the tree (referral_bindings) is read in user-id pages of 100,000 with each member's counted sales of the month (correlated per page, served by orders_buyer_idx); roots are one query; the domain walks at most 3 uplines per sale.",
        "Approval: the paying lines are summed per earner in one query and posted as one ledger transaction (postBatchTransaction: one JSON parameter, one upsert of every earner's balance row).",
        "Grade sweep: every shopper's facts in one statement (own orders grouped once; the 3-level team summed bottom-up over referral_bindings with whole-table hash joins) into a temporary table, read in pages of 100,000; the previous per-page query re-read the tree and every order once per page (575 s at 1,000,000 on a busy machine).",
      ],
    });
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP !== "1") dropDatabase(name);
    else console.log(`kept database ${name}`);
  }
}

async function refusedAgain(deps: { db: Db; now: () => Date }, runId: number) {
  try {
    await approveRun(deps, actor, runId);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === "RUN_ALREADY_APPROVED";
  }
}

function pickStatement(run: {
  turnoverFen: number;
  poolFen: number;
  paidFen: number;
  heldBackFen: number;
  remainderFen: number;
  members: number;
}) {
  const { turnoverFen, poolFen, paidFen, heldBackFen, remainderFen, members } = run;
  return { turnoverFen, poolFen, paidFen, heldBackFen, remainderFen, lines: members };
}

/** One completed order (¥10–¥1,000 of goods) per user, completed at `completedAt`. */
async function seedCompletedOrders(db: Db, completedAt: Date): Promise<void> {
  await db.execute(sql`insert into orders (order_no, buyer_user_id, status, goods_fen, discount_fen, freight_fen,
      payable_fen, pricing, address, contact_phone, payment_provider, placed_at, paid_at, received_at, completed_at,
      updated_at)
    select 'D' || u.id, u.id, 'completed', p.fen, 0, 0, p.fen, '{}'::jsonb, '{}'::jsonb, '13700000000', 'sandbox',
           ${completedAt}::timestamptz - interval '9 days', ${completedAt}::timestamptz - interval '9 days',
           ${completedAt}::timestamptz - interval '7 days', ${completedAt}, now()
    from users u cross join lateral (select 1000 + floor(random() * 99000)::bigint + 0 * u.id as fen) p`);
}

async function seedMembers(db: Db): Promise<void> {
  await db.execute(sql`insert into dividend_grades (rank, name, rate_bps, tasks, updated_at)
    values (3, 'gold', 500, '{}', now()), (2, 'silver', 400, '{}', now()), (1, 'bronze', 300, '{}', now())`);
  await db.execute(sql`insert into dividend_members (user_id, grade_id, since)
    select u.id, g.id, now() from users u join dividend_grades g on g.rank = 1 + u.id % 3`);
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from dividend_members`);
  if (row!.n !== USERS) throw new Error(`seeded ${row!.n} members, expected ${USERS}`);
}
