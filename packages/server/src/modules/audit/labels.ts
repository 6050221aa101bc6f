// What each audit entry is about, in the words staff use: an order by its number, a SKU by its product's title and
// spec, a person by nickname, a grade or template by its name. One query per kind of object on the page (at most a
// dozen, whatever the page size), never one per entry.
import { eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { staff, users } from "../../db/schema/accounts.ts";
import {
  afterSales,
  categories,
  freightTemplates,
  orders,
  products,
  skus,
} from "../../db/schema/commerce.ts";
import {
  commissions,
  distributorApplications,
  distributorGrades,
  withdrawals,
} from "../../db/schema/distribution.ts";
import { maskPhone } from "../../lib/personal-data.ts";

type Entry = { entity: string; entityId: string | null };
type Lookup = (db: Executor, ids: number[]) => Promise<Array<{ id: number; label: string }>>;

const person = (nickname: string, phone: string | null) =>
  phone ? `${nickname} ${maskPhone(phone)}` : nickname;

function skuText(title: string, axes: { name: string }[], values: string[]) {
  const spec = values.map((v, i) => `${axes[i]?.name ?? ""}:${v}`).join(" / ");
  return spec ? `${title}（${spec}）` : title;
}

const lookups: Record<string, Lookup> = {
  order: async (db, ids) =>
    (await db.select({ id: orders.id, no: orders.orderNo }).from(orders).where(inArray(orders.id, ids))).map(
      (r) => ({ id: r.id, label: r.no }),
    ),
  product: async (db, ids) =>
    db.select({ id: products.id, label: products.title }).from(products).where(inArray(products.id, ids)),
  sku: async (db, ids) =>
    (
      await db
        .select({ id: skus.id, title: products.title, axes: products.specAxes, values: skus.specValues })
        .from(skus)
        .innerJoin(products, eq(products.id, skus.productId))
        .where(inArray(skus.id, ids))
    ).map((r) => ({ id: r.id, label: skuText(r.title, r.axes, r.values) })),
  category: async (db, ids) =>
    db
      .select({ id: categories.id, label: categories.name })
      .from(categories)
      .where(inArray(categories.id, ids)),
  freight_template: async (db, ids) =>
    db
      .select({ id: freightTemplates.id, label: freightTemplates.name })
      .from(freightTemplates)
      .where(inArray(freightTemplates.id, ids)),
  grade: async (db, ids) =>
    db
      .select({ id: distributorGrades.id, label: distributorGrades.name })
      .from(distributorGrades)
      .where(inArray(distributorGrades.id, ids)),
  staff: async (db, ids) =>
    (
      await db
        .select({ id: staff.id, u: staff.username, n: staff.name })
        .from(staff)
        .where(inArray(staff.id, ids))
    ).map((r) => ({ id: r.id, label: `${r.n}（${r.u}）` })),
  user: async (db, ids) =>
    (
      await db
        .select({ id: users.id, nickname: users.nickname, phone: users.phone })
        .from(users)
        .where(inArray(users.id, ids))
    ).map((r) => ({ id: r.id, label: person(r.nickname, r.phone) })),
  after_sale: async (db, ids) =>
    (
      await db
        .select({ id: afterSales.id, no: orders.orderNo })
        .from(afterSales)
        .innerJoin(orders, eq(orders.id, afterSales.orderId))
        .where(inArray(afterSales.id, ids))
    ).map((r) => ({ id: r.id, label: r.no })),
  commission: async (db, ids) =>
    (
      await db
        .select({ id: commissions.id, no: orders.orderNo, nickname: users.nickname })
        .from(commissions)
        .innerJoin(orders, eq(orders.id, commissions.orderId))
        .innerJoin(users, eq(users.id, commissions.earnerUserId))
        .where(inArray(commissions.id, ids))
    ).map((r) => ({ id: r.id, label: `${r.no} · ${r.nickname}` })),
  withdrawal: async (db, ids) =>
    (
      await db
        .select({ id: withdrawals.id, nickname: users.nickname, phone: users.phone })
        .from(withdrawals)
        .innerJoin(users, eq(users.id, withdrawals.userId))
        .where(inArray(withdrawals.id, ids))
    ).map((r) => ({ id: r.id, label: person(r.nickname, r.phone) })),
  distributor_application: async (db, ids) =>
    (
      await db
        .select({ id: distributorApplications.id, nickname: users.nickname, phone: users.phone })
        .from(distributorApplications)
        .innerJoin(users, eq(users.id, distributorApplications.userId))
        .where(inArray(distributorApplications.id, ids))
    ).map((r) => ({ id: r.id, label: person(r.nickname, r.phone) })),
};
// a distributor's entity id is their user id
lookups.distributor = lookups.user!;

/** Labels keyed "entity:id"; entities named by a key (settings sections, payment providers) are left to the app. */
export async function findAuditLabels(db: Executor, entries: Entry[]): Promise<Map<string, string>> {
  const idsByEntity = new Map<string, Set<number>>();
  for (const e of entries) {
    if (!lookups[e.entity] || e.entityId === null || !/^\d{1,15}$/.test(e.entityId)) continue;
    const set = idsByEntity.get(e.entity) ?? new Set<number>();
    set.add(Number(e.entityId));
    idsByEntity.set(e.entity, set);
  }
  const labels = new Map<string, string>();
  for (const [entity, ids] of idsByEntity) {
    for (const row of await lookups[entity]!(db, [...ids])) labels.set(`${entity}:${row.id}`, row.label);
  }
  return labels;
}
