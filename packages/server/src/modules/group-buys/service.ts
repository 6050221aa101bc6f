// Group buys (拼团): one exported function per use case. The payments area calls recordGroupPayment from its
// confirm-payment use case, the orders area asks assertOrderMayShip before shipping, the sweep runs
// expireDueGroups.
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors/app-error.ts";
import { findGroup } from "./repo.ts";
import { loadGroupViews } from "./views.ts";

export {
  createGroupBuy,
  getGroupBuy,
  listActivityGroups,
  listGroupBuys,
  listRunningGroupBuys,
  updateGroupBuy,
} from "./activities.ts";
export { expireDueGroups } from "./expiry.ts";
export { joinGroup, openGroup } from "./join.ts";
export { assertOrderMayShip, recordGroupPayment } from "./payment.ts";

/** A group's progress as its shared link shows it (public: nicknames only). */
export async function getGroup(db: Db, id: number) {
  const group = await findGroup(db, id);
  if (!group) throw notFound("Group", { id });
  const [view] = await loadGroupViews(db, [group], "shopper");
  return view!;
}
