// A group challenge (团购挑战) shared by a distributor. `/s/CODE/c/ID` opens the challenge's product with the
// code and the challenge, whose page then shows its progress (or that it has ended); a link to a challenge
// that does not exist opens the shop with the code, as a hidden review's link does, so the visit still counts.
// Sharing is refused for a challenge that has ended (CHALLENGE_ENDED) or does not exist (404). A product
// poster of a product in a running challenge carries the challenge's link.
import type { Executor } from "../../db/client.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { findActivity, findActivitySkus } from "../marketing/activities-repo.ts";
import { getShopActivities } from "../marketing/shop-activities.ts";
import { landingOf } from "./links.ts";

type Challenge = { activityId: number; productId: number; ended: boolean };

async function findChallenge(db: Executor, id: number, now: Date): Promise<Challenge | null> {
  const activity = await findActivity(db, id);
  if (activity?.kind !== "group_challenge") return null;
  const [first] = await findActivitySkus(db, [id]);
  if (!first) return null;
  const ended = activity.status === "stopped" || new Date(activity.endsAt) <= now;
  return { activityId: id, productId: first.productId, ended };
}

/** Where `/s/CODE/c/ID` sends the browser. */
export async function challengeLanding(db: Executor, code: string, id: number, now: Date): Promise<string> {
  const challenge = await findChallenge(db, id, now);
  if (!challenge) return landingOf(code, { kind: "shop" });
  return landingOf(code, { kind: "challenge", ...challenge });
}

/** A challenge a distributor may share: it exists and has not ended. */
export async function shareableChallenge(db: Executor, id: number, now: Date): Promise<Challenge> {
  const challenge = await findChallenge(db, id, now);
  if (!challenge) throw notFound("Group challenge", { id });
  if (challenge.ended) throw new AppError("CHALLENGE_ENDED", "This group challenge has ended", { id });
  return challenge;
}

/** The running (started, not ended) challenge a product is sold in, if any. */
export async function runningChallengeOf(
  deps: Pick<AppDeps, "db" | "now">,
  productId: number,
): Promise<Challenge | null> {
  const found = (await getShopActivities(deps)).find(
    (a) => a.kind === "group_challenge" && a.skus.some((s) => s.productId === productId),
  );
  return found ? { activityId: found.id, productId, ended: false } : null;
}
