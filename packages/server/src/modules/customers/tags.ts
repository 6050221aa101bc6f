// Customer tags (客户标签): the merchant names tags ("VIP", "复购", "团长候选"), puts any of them on a customer,
// and filters the customer list by one. Setting a customer's tags replaces them whole and is audited.
import { sql } from "drizzle-orm";
import { type Db, type Executor, queryRows } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";

export const MAX_TAGS = 100;
export const MAX_TAGS_PER_CUSTOMER = 20;

export type CustomerTag = { id: number; name: string; color: string };

export async function listTags(db: Executor) {
  const rows = await queryRows<{ id: number; name: string; color: string; customers: number }>(
    db,
    sql`select t.id, t.name, t.color, (select count(*) from customer_tag_links l where l.tag_id = t.id) as customers
        from customer_tags t order by t.id`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    color: r.color,
    customers: Number(r.customers),
  }));
}

export async function createTag(
  db: Db,
  actor: StaffActor,
  input: { name: string; color: string },
  now: Date,
) {
  return inTransaction(db, async (tx) => {
    const [count] = await queryRows<{ n: number }>(tx, sql`select count(*) as n from customer_tags`);
    if (Number(count?.n) >= MAX_TAGS)
      throw new AppError("CUSTOMER_TAGS_TOO_MANY", `At most ${MAX_TAGS} tags`, { max: MAX_TAGS });
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`insert into customer_tags (name, color, created_at) values (${input.name}, ${input.color}, ${now.toISOString()})
          on conflict (name) do nothing returning id`,
    );
    if (!row) throw new AppError("CUSTOMER_TAG_TAKEN", "A tag has this name", { name: input.name });
    const tag = { id: Number(row.id), name: input.name, color: input.color, customers: 0 };
    await recordAudit(tx, actor, {
      action: "customer_tag.create",
      entity: "customer_tag",
      entityId: tag.id,
      after: tag,
    });
    return tag;
  });
}

export async function deleteTag(db: Db, actor: StaffActor, tagId: number) {
  await inTransaction(db, async (tx) => {
    const [gone] = await queryRows<{ name: string }>(
      tx,
      sql`delete from customer_tags where id = ${tagId} returning name`,
    );
    if (!gone) throw notFound("customer tag", { tagId });
    await recordAudit(tx, actor, {
      action: "customer_tag.delete",
      entity: "customer_tag",
      entityId: tagId,
      before: { name: gone.name },
    });
  });
}

/** Replaces a customer's tags with `tagIds` (none clears them); an unknown tag changes nothing. */
export async function setCustomerTags(
  db: Db,
  actor: StaffActor,
  userId: number,
  tagIds: number[],
  now: Date,
) {
  const wanted = [...new Set(tagIds)];
  if (wanted.length > MAX_TAGS_PER_CUSTOMER)
    throw new AppError("CUSTOMER_TAGS_TOO_MANY", `At most ${MAX_TAGS_PER_CUSTOMER} tags on a customer`, {
      max: MAX_TAGS_PER_CUSTOMER,
    });
  return inTransaction(db, async (tx) => {
    const [user] = await queryRows(tx, sql`select 1 from users where id = ${userId} for update`);
    if (!user) throw notFound("customer", { userId });
    const known = wanted.length
      ? await queryRows<{ id: number }>(
          tx,
          sql`select id from customer_tags where id in (${sql.join(
            wanted.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        )
      : [];
    const missing = wanted.filter((id) => !known.some((k) => Number(k.id) === id));
    if (missing.length > 0) throw new AppError("CUSTOMER_TAG_UNKNOWN", "No such tag", { tagIds: missing });
    const before = (await tagsOf(tx, [userId])).get(userId) ?? [];
    await tx.execute(sql`delete from customer_tag_links where user_id = ${userId}`);
    if (wanted.length > 0)
      await tx.execute(
        sql`insert into customer_tag_links (user_id, tag_id, tagged_at) values ${sql.join(
          wanted.map((id) => sql`(${userId}, ${id}, ${now.toISOString()})`),
          sql`, `,
        )}`,
      );
    const after = (await tagsOf(tx, [userId])).get(userId) ?? [];
    await recordAudit(tx, actor, {
      action: "customer.tags",
      entity: "user",
      entityId: userId,
      before: before.map((t) => t.name),
      after: after.map((t) => t.name),
    });
    return { userId, tags: after };
  });
}

/** The tags of each of these customers, in tag order. */
export async function tagsOf(db: Executor, userIds: number[]): Promise<Map<number, CustomerTag[]>> {
  const out = new Map<number, CustomerTag[]>();
  if (userIds.length === 0) return out;
  const rows = await queryRows<{ userId: number; id: number; name: string; color: string }>(
    db,
    sql`select l.user_id as "userId", t.id, t.name, t.color from customer_tag_links l
        join customer_tags t on t.id = l.tag_id
        where l.user_id in (${sql.join(
          userIds.map((id) => sql`${id}`),
          sql`, `,
        )}) order by l.user_id, t.id`,
  );
  for (const r of rows) {
    const list = out.get(Number(r.userId)) ?? [];
    list.push({ id: Number(r.id), name: r.name, color: r.color });
    out.set(Number(r.userId), list);
  }
  return out;
}
