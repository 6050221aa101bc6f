// The merchant's lists as streamed CSV: commissions, withdrawals (payee masked), distributors and
// customers (phones masked), read in pages by id. Amounts in yuan, times on the Shanghai clock.
import { fen, formatYuan } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { csvStream, keysetPages } from "../../lib/csv-stream.ts";

const yuan = (v: unknown) => formatYuan(fen(Number(v ?? 0)));
const shanghai = (v: unknown) =>
  v
    ? new Date(new Date(v as string).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ")
    : null;
const maskPhone = (p: unknown) =>
  typeof p === "string" && p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : "";

type Row = Record<string, unknown> & { id: number };
const page =
  (db: Executor, query: (after: number, limit: number) => ReturnType<typeof sql>) =>
  (after: number, limit: number) =>
    queryRows<Row>(db, query(after, limit)).then((rows) =>
      rows.map((r) => ({ ...r, id: Number(r.id) }) as Row),
    );

export const csvExports = {
  commissions: (db: Executor) =>
    csvStream(
      [
        "编号",
        "订单号",
        "层级",
        "分销员",
        "邀请码",
        "商品实付",
        "佣金",
        "已追回",
        "状态",
        "创建时间",
        "结算时间",
      ],
      keysetPages(
        page(
          db,
          (
            after,
            limit,
          ) => sql`select c.id, o.order_no, c.level, u.nickname, d.invite_code, c.item_fen, c.amount_fen,
            c.clawed_back_fen, c.status, c.created_at, c.settled_at
            from commissions c join orders o on o.id = c.order_id join users u on u.id = c.earner_user_id
            left join distributors d on d.user_id = c.earner_user_id
            where c.id > ${after} order by c.id limit ${limit}`,
        ),
        (r) => [
          r.id,
          String(r.order_no),
          Number(r.level),
          String(r.nickname),
          r.invite_code as string | null,
          yuan(r.item_fen),
          yuan(r.amount_fen),
          yuan(r.clawed_back_fen),
          String(r.status),
          shanghai(r.created_at),
          shanghai(r.settled_at),
        ],
      ),
    ),
  withdrawals: (db: Executor) =>
    csvStream(
      ["编号", "分销员", "方式", "金额", "手续费", "实付", "状态", "收款人", "账号", "申请时间"],
      keysetPages(
        page(
          db,
          (
            after,
            limit,
          ) => sql`select w.id, u.nickname, w.method, w.amount_fen, w.fee_fen, w.net_fen, w.status,
            w.real_name_masked, w.account_masked, w.requested_at
            from withdrawals w join users u on u.id = w.user_id where w.id > ${after} order by w.id limit ${limit}`,
        ),
        (r) => [
          r.id,
          String(r.nickname),
          String(r.method),
          yuan(r.amount_fen),
          yuan(r.fee_fen),
          yuan(r.net_fen),
          String(r.status),
          String(r.real_name_masked),
          String(r.account_masked),
          shanghai(r.requested_at),
        ],
      ),
    ),
  distributors: (db: Executor) =>
    csvStream(
      ["用户编号", "昵称", "手机", "邀请码", "状态", "等级", "加入时间", "直属下级"],
      keysetPages(
        page(
          db,
          (
            after,
            limit,
          ) => sql`select d.user_id as id, u.nickname, u.phone, d.invite_code, d.status, g.name as grade,
            d.joined_at, (select count(*) from referral_bindings b where b.upline_user_id = d.user_id) as team
            from distributors d join users u on u.id = d.user_id left join distributor_grades g on g.id = d.grade_id
            where d.user_id > ${after} order by d.user_id limit ${limit}`,
        ),
        (r) => [
          r.id,
          String(r.nickname),
          maskPhone(r.phone),
          String(r.invite_code),
          String(r.status),
          r.grade as string | null,
          shanghai(r.joined_at),
          Number(r.team),
        ],
      ),
    ),
  customers: (db: Executor, filter: { tagId?: number | undefined } = {}) =>
    csvStream(
      ["用户编号", "昵称", "手机", "注册时间", "订单数", "消费", "推荐人", "标签"],
      keysetPages(
        (after, limit) => findCustomerPage(db, after, limit, filter),
        (r) => [
          r.id,
          r.nickname,
          maskPhone(r.phone),
          shanghai(r.createdAt),
          r.orders,
          yuan(r.spentFen),
          r.referrer,
          r.tags.map((t) => t.name).join(" "),
        ],
      ),
    ),
};

export type CsvExportName = keyof typeof csvExports;

/** Customers by id: paid orders, spend net of refunds, who referred them and their tags; optionally one tag's. */
export async function findCustomerPage(
  db: Executor,
  afterId: number,
  limit: number,
  filter: { search?: string | undefined; tagId?: number | undefined } = {},
) {
  const { search, tagId } = filter;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select u.id, u.nickname, u.phone, u.created_at, up.nickname as referrer, b.upline_user_id as referrer_id,
          coalesce(s.orders, 0) as orders, coalesce(s.spent, 0) as spent,
          (select json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color) order by t.id)
             from customer_tag_links l join customer_tags t on t.id = l.tag_id where l.user_id = u.id) as tags
        from users u
        left join referral_bindings b on b.user_id = u.id left join users up on up.id = b.upline_user_id
        left join lateral (select count(*) as orders, sum(o.payable_fen - o.refunded_fen) as spent from orders o
          where o.buyer_user_id = u.id and o.paid_at is not null) s on true
        where u.id > ${afterId} ${search ? sql`and (u.nickname ilike ${`%${search}%`} or u.phone = ${search})` : sql``}
          ${tagId !== undefined ? sql`and exists (select 1 from customer_tag_links l where l.user_id = u.id and l.tag_id = ${tagId})` : sql``}
        order by u.id limit ${limit}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    nickname: String(r.nickname),
    phone: r.phone === null ? null : String(r.phone),
    createdAt: r.created_at as Date | string,
    referrer: r.referrer === null ? null : String(r.referrer),
    referrerUserId: r.referrer_id === null ? null : Number(r.referrer_id),
    orders: Number(r.orders),
    spentFen: Number(r.spent),
    tags: ((typeof r.tags === "string" ? JSON.parse(r.tags) : r.tags) ?? []).map(
      (t: { id: number; name: string; color: string }) => ({
        id: Number(t.id),
        name: t.name,
        color: t.color,
      }),
    ) as { id: number; name: string; color: string }[],
  }));
}
