// Payouts in the reconciliation file: a paid withdrawal is a 提现打款 line beside the ledger transaction that
// paid it out (一致); a payout whose amount no longer matches what was booked reads 金额不符, and one the ledger
// never booked reads 未入账 — what finance looks for when the bank's statement and the books disagree.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { shanghaiDay } from "../../src/modules/tracking/repo.ts";
import { credit, distributor, enableDistribution } from "../distribution/support.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";

let ctx: TestContext;
let finance: string;

beforeAll(async () => {
  ctx = await startTestApp();
  const owner = await ctx.client.loginOwner();
  finance = await ctx.client.createStaff(owner, "finance");
  // bank cards, paid by finance by hand, with a 1% fee so the payout (net) differs from what was asked
  await enableDistribution(ctx, owner, { withdrawal: { methods: ["bank"], minimumFen: 100, feeBps: 100 } });
});

/** A bank-card withdrawal of `amountFen`, asked for and (unless `approve` is false) paid by finance. */
async function withdrawal(amountFen: number, approve = true) {
  const d = await distributor(ctx);
  await credit(ctx, d.userId, amountFen);
  const asked = await ctx.client.post(
    "/api/v1/distribution/withdrawals",
    { method: "bank", amountFen, realName: "欧阳娜娜", account: "6222021234567890123", consent: true },
    d.token,
  );
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  if (approve) {
    const paid = await ctx.client.post(
      `/api/admin/v1/distribution/withdrawals/${asked.body.id}/approve`,
      {},
      finance,
    );
    expect(paid.body.status, JSON.stringify(paid.body)).toBe("paid");
  }
  return asked.body as { id: number; outBillNo: string; netFen: number };
}

async function payoutLines() {
  const today = shanghaiDay(ctx.clock.now());
  const res = await ctx.client.get(
    `/api/admin/v1/exports/reconciliation.csv?from=${today}&to=${today}`,
    finance,
  );
  expect(res.status).toBe(200);
  return (
    String(res.body)
      .split("\r\n")
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(","))
      .filter((cells) => cells[2] === "提现打款")
      // type, transfer number, amount, booked, difference, marking
      .map((c) => [c[3], c[6], c[7], c[8], c[9]])
  );
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

describe("payouts in the reconciliation file", () => {
  it("a paid withdrawal appears with its ledger transaction, 一致; tampered: 金额不符; never booked: 未入账", async () => {
    const good = await withdrawal(3000);
    expect(good.netFen).toBe(2970);
    expect(await payoutLines()).toEqual([
      [good.outBillNo, yuan(good.netFen), yuan(good.netFen), "0.00", "一致"],
    ]);

    // the payout row now says one yuan more went out than the ledger paid
    const tampered = await withdrawal(2000);
    await ctx.deps.db.execute(
      sql`update withdrawals set amount_fen = amount_fen + 100, net_fen = net_fen + 100 where id = ${tampered.id}`,
    );
    // a payout marked paid with no ledger transaction behind it
    const unbooked = await withdrawal(1500, false);
    await ctx.deps.db.execute(
      sql`update withdrawals set status = 'paid', paid_at = ${ctx.clock.now().toISOString()} where id = ${unbooked.id}`,
    );
    expect(await payoutLines()).toEqual([
      [good.outBillNo, yuan(good.netFen), yuan(good.netFen), "0.00", "一致"],
      [tampered.outBillNo, yuan(tampered.netFen + 100), yuan(tampered.netFen), "1.00", "金额不符"],
      [unbooked.outBillNo, yuan(unbooked.netFen), "", yuan(unbooked.netFen), "未入账"],
    ]);
  });
});
