// Who an event is attributed to (the distributor in force): the code the visitor carries when it names an
// active distributor, otherwise the signed-in shopper's upline. An unknown or frozen code binds nobody but
// is kept on the event with why it counted for no one.
import type { Executor } from "../../db/client.ts";
import { findDistributorsByCodes, findUplineOf } from "./repo.ts";

export type Attribution = {
  distributorUserId: number | null;
  refCode: string | null;
  outcome: string | null;
};

export async function attribute(
  db: Executor,
  input: { ref?: string | null | undefined; userId: number | null; at: Date },
): Promise<Attribution> {
  const ref = input.ref ?? null;
  if (ref) {
    const [found] = await findDistributorsByCodes(db, [ref]);
    if (found?.status === "active")
      return { distributorUserId: Number(found.userId), refCode: ref, outcome: null };
    const outcome = found ? `code_${found.status}` : "code_unknown";
    const upline = input.userId === null ? null : await findUplineOf(db, input.userId, input.at);
    return { distributorUserId: upline, refCode: ref, outcome };
  }
  const upline = input.userId === null ? null : await findUplineOf(db, input.userId, input.at);
  return { distributorUserId: upline, refCode: null, outcome: null };
}
