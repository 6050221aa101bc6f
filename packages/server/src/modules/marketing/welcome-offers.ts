// What the shop shows of the referral welcome offer (新客首单礼): the offer running now and whether this shopper
// would get it (came through a distributor's link, no order yet). Checkout decides for real; this only tells
// the product page whether to show the banner.
import { welcomeOfferKind } from "@liebian/domain";
import type { Db } from "../../db/client.ts";
import { findFirstOrderFacts } from "./activities-repo.ts";
import { loadRunningActivities } from "./running-activities.ts";
import { scopeOf } from "./shop-activities.ts";

export async function getWelcomeOffer(deps: { db: Db; now: () => Date }, userId: number | null) {
  const now = deps.now();
  const row = (await loadRunningActivities(deps.db, now)).find(
    (r) => r.kind === "welcome_offer" && new Date(r.startsAt) <= now,
  );
  if (!row) return { offer: null, eligible: false };
  const args = welcomeOfferKind.args.parse(row.args);
  const offer = {
    activityId: row.id,
    name: row.name,
    payBps: args.payBps,
    maxOffFen: args.maxOffFen,
    endsAt: new Date(row.endsAt),
    scope: scopeOf(args),
  };
  // Nobody logged in: the shop decides from the link it remembers (a first visit has no orders).
  if (userId === null) return { offer, eligible: null };
  const facts = await findFirstOrderFacts(deps.db, userId, false, now);
  return { offer, eligible: facts.referred && facts.paidOrderCount === 0 };
}
