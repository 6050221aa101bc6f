// The reconciliation files finance ties the gateway's statement to: every money movement with a provider
// in a date range (payments received, refunds paid back, withdrawals paid out), each beside the ledger
// transaction that booked it, and a summary per day and provider. A line reads 一致 when the ledger booked
// exactly the provider's amount, 未入账 when nothing was booked, 金额不符 otherwise. Streamed page by page
// in time order, so three years of payments hold one page in memory.
import { fen, formatYuan } from "@liebian/domain";
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { type CsvValue, csvStream } from "../../lib/csv-stream.ts";
import { dayBounds } from "../tracking/rollup.ts";
import type { DayRange } from "./range.ts";

const yuan = (v: number) => formatYuan(fen(v));
const shanghaiTime = (v: Date) =>
  new Date(v.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");

export const providerNames: Record<string, string> = {
  wechat: "微信支付",
  alipay: "支付宝",
  sandbox: "沙箱",
  balance: "店铺余额",
  wallet: "商城余额",
  bank: "银行卡",
};
const providerName = (p: string) => providerNames[p] ?? p;

export function matchOf(amountFen: number, ledgerFen: number | null): "一致" | "未入账" | "金额不符" {
  if (ledgerFen === null) return "未入账";
  return ledgerFen === amountFen ? "一致" : "金额不符";
}

type Movement = {
  at: Date;
  id: number;
  provider: string;
  tradeNo: string;
  providerNo: string | null;
  orderNo: string | null;
  amountFen: number;
  ledgerFen: number | null;
};

type Kind = { label: string; page: (from: string, to: string, afterId: number, limit: number) => SQL };

// Each kind is read by id (its creation order) from the first row created two days before the range (a
// trade is confirmed within minutes of its creation; two days covers a late notification), so a page is an
// index range scan and the whole file is read once. The date shown is when the provider confirmed the money
// (paid_at / done_at), which is the statement's date.
const since = (from: string) => new Date(Date.parse(from) - 2 * 86_400_000).toISOString();
const kinds: Kind[] = [
  {
    label: "收款",
    page: (from, to, afterId, limit) =>
      sql`select p.paid_at as at, p.id, p.provider, p.out_trade_no as trade_no, p.transaction_id as provider_no,
            p.order_no, p.amount_fen,
            (select sum(e.amount_fen) from ledger_entries e where e.transaction_id = t.id and e.amount_fen > 0) as ledger_fen
          from payments p
          left join ledger_transactions t on t.idempotency_key = 'pay:' || p.provider || ':' || p.transaction_id
          where p.status = 'paid' and p.paid_at >= ${from} and p.paid_at < ${to}
            and p.id > greatest(${afterId}, (select coalesce(min(id), 0) - 1 from payments where created_at >= ${since(from)}))
          order by p.id limit ${limit}`,
  },
  {
    label: "退款",
    page: (from, to, afterId, limit) =>
      sql`select r.done_at as at, r.id, r.provider, r.out_refund_no as trade_no, r.provider_refund_id as provider_no,
            r.order_no, r.amount_fen,
            (select sum(e.amount_fen) from ledger_entries e where e.transaction_id = t.id and e.amount_fen > 0) as ledger_fen
          from refunds r
          left join ledger_transactions t on t.idempotency_key = 'refund:' || r.provider || ':' || r.out_refund_no
          where r.status = 'succeeded' and r.done_at >= ${from} and r.done_at < ${to}
            and r.id > greatest(${afterId}, (select coalesce(min(id), 0) - 1 from refunds where created_at >= ${since(from)}))
          order by r.id limit ${limit}`,
  },
  {
    label: "提现打款",
    page: (from, to, afterId, limit) =>
      sql`select w.paid_at as at, w.id, w.method as provider, w.out_bill_no as trade_no, null as provider_no,
            null as order_no, w.net_fen as amount_fen,
            (select sum(-e.amount_fen) from ledger_entries e join ledger_accounts a on a.id = e.account_id
              where e.transaction_id = t.id and e.amount_fen < 0 and a.code <> 'fees') as ledger_fen
          from withdrawals w
          left join ledger_transactions t on t.idempotency_key = 'wd:' || w.id || ':pay'
          where w.status = 'paid' and w.paid_at >= ${from} and w.paid_at < ${to}
            and w.id > ${afterId}
          order by w.id limit ${limit}`,
  },
];

function movementOf(r: Record<string, unknown>): Movement {
  return {
    at: new Date(r.at as string),
    id: Number(r.id),
    provider: String(r.provider),
    tradeNo: String(r.trade_no ?? ""),
    providerNo: r.provider_no === null || r.provider_no === undefined ? null : String(r.provider_no),
    orderNo: r.order_no === null || r.order_no === undefined ? null : String(r.order_no),
    amountFen: Number(r.amount_fen),
    ledgerFen: r.ledger_fen === null || r.ledger_fen === undefined ? null : Number(r.ledger_fen),
  };
}

async function* movementPages(db: Executor, range: DayRange, pageSize: number): AsyncIterable<CsvValue[][]> {
  const from = dayBounds(range.from).start.toISOString();
  const to = dayBounds(range.to).end.toISOString();
  for (const kind of kinds) {
    let after = 0;
    for (;;) {
      const rows = (await queryRows<Record<string, unknown>>(db, kind.page(from, to, after, pageSize))).map(
        movementOf,
      );
      if (rows.length > 0)
        yield rows.map((m) => [
          shanghaiTime(m.at).slice(0, 10),
          providerName(m.provider),
          kind.label,
          m.tradeNo,
          m.providerNo,
          m.orderNo,
          yuan(m.amountFen),
          m.ledgerFen === null ? null : yuan(m.ledgerFen),
          yuan(m.amountFen - (m.ledgerFen ?? 0)),
          matchOf(m.amountFen, m.ledgerFen),
          shanghaiTime(m.at),
        ]);
      if (rows.length < pageSize) break;
      after = rows.at(-1)!.id;
    }
  }
}

/** Every payment, refund and payout of the range beside its ledger transaction (one line each). */
export function reconciliationCsv(db: Executor, range: DayRange, pageSize = 1000) {
  return csvStream(
    [
      "日期",
      "渠道",
      "类型",
      "商户单号",
      "渠道流水号",
      "订单号",
      "金额",
      "入账金额",
      "差额",
      "核对",
      "完成时间",
    ],
    movementPages(db, range, pageSize),
  );
}

export type DailyReconciliation = {
  day: string;
  provider: string;
  payments: number;
  paymentFen: number;
  paymentLedgerFen: number;
  refunds: number;
  refundFen: number;
  refundLedgerFen: number;
  unbooked: number;
};

/** Per Shanghai day and provider: received and refunded, as the provider confirmed them and as booked. */
export async function findDailyReconciliation(db: Executor, range: DayRange): Promise<DailyReconciliation[]> {
  const from = dayBounds(range.from).start.toISOString();
  const to = dayBounds(range.to).end.toISOString();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with moves as (
          select p.paid_at as at, p.provider, 'pay' as kind, p.amount_fen,
            (select sum(e.amount_fen) from ledger_entries e where e.transaction_id = t.id and e.amount_fen > 0) as ledger_fen
          from payments p
          left join ledger_transactions t on t.idempotency_key = 'pay:' || p.provider || ':' || p.transaction_id
          where p.status = 'paid' and p.paid_at >= ${from} and p.paid_at < ${to}
            and p.created_at >= ${since(from)} and p.created_at < ${to}
          union all
          select r.done_at, r.provider, 'refund', r.amount_fen,
            (select sum(e.amount_fen) from ledger_entries e where e.transaction_id = t.id and e.amount_fen > 0)
          from refunds r
          left join ledger_transactions t on t.idempotency_key = 'refund:' || r.provider || ':' || r.out_refund_no
          where r.status = 'succeeded' and r.done_at >= ${from} and r.done_at < ${to}
            and r.created_at >= ${since(from)} and r.created_at < ${to})
        select to_char((at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day, provider,
          count(*) filter (where kind = 'pay') as payments,
          coalesce(sum(amount_fen) filter (where kind = 'pay'), 0) as payment_fen,
          coalesce(sum(ledger_fen) filter (where kind = 'pay'), 0) as payment_ledger_fen,
          count(*) filter (where kind = 'refund') as refunds,
          coalesce(sum(amount_fen) filter (where kind = 'refund'), 0) as refund_fen,
          coalesce(sum(ledger_fen) filter (where kind = 'refund'), 0) as refund_ledger_fen,
          count(*) filter (where ledger_fen is null) as unbooked
        from moves group by 1, 2 order by 1, 2`,
  );
  return rows.map((r) => ({
    day: String(r.day),
    provider: String(r.provider),
    payments: Number(r.payments),
    paymentFen: Number(r.payment_fen),
    paymentLedgerFen: Number(r.payment_ledger_fen),
    refunds: Number(r.refunds),
    refundFen: Number(r.refund_fen),
    refundLedgerFen: Number(r.refund_ledger_fen),
    unbooked: Number(r.unbooked),
  }));
}

/** The daily summary as CSV: what the provider's daily statement shows, against what the shop booked. */
export function dailyReconciliationCsv(db: Executor, range: DayRange) {
  async function* pages(): AsyncIterable<CsvValue[][]> {
    const rows = await findDailyReconciliation(db, range);
    yield rows.map((r) => {
      const net = r.paymentFen - r.refundFen;
      const booked = r.paymentLedgerFen - r.refundLedgerFen;
      const same =
        r.unbooked === 0 && r.paymentFen === r.paymentLedgerFen && r.refundFen === r.refundLedgerFen;
      return [
        r.day,
        providerName(r.provider),
        r.payments,
        yuan(r.paymentFen),
        yuan(r.paymentLedgerFen),
        r.refunds,
        yuan(r.refundFen),
        yuan(r.refundLedgerFen),
        yuan(net),
        yuan(booked),
        yuan(net - booked),
        same ? "一致" : `不一致（${r.unbooked} 笔未入账）`,
      ];
    });
  }
  return csvStream(
    [
      "日期",
      "渠道",
      "收款笔数",
      "收款金额",
      "收款入账",
      "退款笔数",
      "退款金额",
      "退款入账",
      "净额",
      "入账净额",
      "差额",
      "核对",
    ],
    pages(),
  );
}
