// The full phone numbers behind one record, for the reveal route only; every list masks them.
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { users } from "../../db/schema/accounts.ts";
import { orders } from "../../db/schema/commerce.ts";
import { distributorApplications } from "../../db/schema/distribution.ts";
import type { RevealSubject } from "./schemas.ts";

export type RecordPhones = { phone: string | null; accountPhone: string | null };

export async function findRecordPhones(
  db: Executor,
  subject: RevealSubject,
  id: number,
): Promise<RecordPhones | null> {
  if (subject === "user") {
    const [row] = await db.select({ phone: users.phone }).from(users).where(eq(users.id, id));
    return row ? { phone: row.phone, accountPhone: row.phone } : null;
  }
  if (subject === "order") {
    const [row] = await db
      .select({ address: orders.address, accountPhone: users.phone })
      .from(orders)
      .innerJoin(users, eq(users.id, orders.buyerUserId))
      .where(eq(orders.id, id));
    return row ? { phone: row.address?.phone ?? null, accountPhone: row.accountPhone } : null;
  }
  const [row] = await db
    .select({ phone: distributorApplications.phone, accountPhone: users.phone })
    .from(distributorApplications)
    .innerJoin(users, eq(users.id, distributorApplications.userId))
    .where(eq(distributorApplications.id, id));
  return row ?? null;
}
