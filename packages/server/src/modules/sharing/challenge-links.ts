// A group challenge (团购挑战) shared by a distributor: `/s/CODE/c/ID` opens the shop's challenge page with the
// code (the page itself says when the challenge has ended or does not exist). Sharing is refused for a challenge
// that has ended (CHALLENGE_ENDED) or does not exist (404); a product poster of a product in a running challenge
// carries the challenge's link, so a scan lands on the challenge.
import type { Executor } from "../../db/client.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { findActivity } from "../marketing/activities-repo.ts";
import { getShopActivities } from "../marketing/shop-activities.ts";

/** A challenge a distributor may share: it exists and has not ended. */
export async function shareableChallenge(
  db: Executor,
  id: number,
  now: Date,
): Promise<{ activityId: number }> {
  const activity = await findActivity(db, id);
  if (activity?.kind !== "group_challenge") throw notFound("Group challenge", { id });
  if (activity.status === "stopped" || new Date(activity.endsAt) <= now)
    throw new AppError("CHALLENGE_ENDED", "This group challenge has ended", { id });
  return { activityId: id };
}

/** The running (started, not ended) challenge a product is sold in, if any. */
export async function runningChallengeOf(
  deps: Pick<AppDeps, "db" | "now">,
  productId: number,
): Promise<{ activityId: number } | null> {
  const found = (await getShopActivities(deps)).find(
    (a) => a.kind === "group_challenge" && a.skus.some((s) => s.productId === productId),
  );
  return found ? { activityId: found.id } : null;
}
