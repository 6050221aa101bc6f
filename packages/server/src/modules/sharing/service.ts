// A distributor's share of the shop or a product: their short links and, for a product, what they would
// earn on one unit (分享预计赚) from the same commission engine that pays them.
import {
  type Bps,
  brandCommissionOverride,
  chainMemberSchema,
  commissionOverrideSchema,
  estimateShareEarning,
  fen,
} from "@liebian/domain";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import { findLiveSkus, findProduct } from "../catalog/repo.ts";
import { getDistributionSettings, planOf } from "../distribution/settings.ts";
import { getGroupBuy } from "../group-buys/activities.ts";
import { shareableChallenge } from "./challenge-links.ts";
import { shareLink } from "./links.ts";
import { findSharer, type Sharer } from "./repo.ts";

type Deps = Pick<AppDeps, "db" | "config" | "now">;
type ActivityQuery = {
  groupBuyId?: number | undefined;
  groupId?: number | undefined;
  challengeId?: number | undefined;
};

/** The signed-in shopper as an active distributor, or NOT_DISTRIBUTOR / DISTRIBUTOR_FROZEN. */
export async function activeSharer(deps: Pick<AppDeps, "db">, userId: number): Promise<Sharer> {
  const sharer = await findSharer(deps.db, userId);
  if (!sharer || sharer.status === "removed")
    throw new AppError("NOT_DISTRIBUTOR", "Only distributors share");
  if (sharer.status !== "active") throw new AppError("DISTRIBUTOR_FROZEN", "This distributor is frozen");
  return sharer;
}

/** A product the shop may be sent to: on sale, or PRODUCT_NOT_ON_SALE (404 when there is none). */
export async function shareableProduct(deps: Pick<AppDeps, "db">, productId: number) {
  const product = await findProduct(deps.db, productId);
  if (!product) throw new AppError("NOT_FOUND", "Product not found", { productId });
  if (product.status !== "on_sale") throw new AppError("PRODUCT_NOT_ON_SALE", "This product is not on sale");
  return product;
}

const parseRule = (rule: unknown) => {
  const parsed = commissionOverrideSchema.safeParse(rule);
  return parsed.success ? brandCommissionOverride(parsed.data) : undefined;
};

/** The activity link of a share: a group buy that exists (404 otherwise), a group, or a challenge not ended. */
async function activityLinkOf(deps: Deps, code: string, q: ActivityQuery): Promise<string | null> {
  if (q.groupBuyId !== undefined) {
    await getGroupBuy(deps.db, q.groupBuyId);
    return shareLink(deps.config.publicUrl, code, { kind: "group_buy", activityId: q.groupBuyId });
  }
  if (q.groupId !== undefined)
    return shareLink(deps.config.publicUrl, code, { kind: "group", groupId: q.groupId });
  if (q.challengeId !== undefined) {
    const challenge = await shareableChallenge(deps.db, q.challengeId, deps.now());
    return shareLink(deps.config.publicUrl, code, { kind: "challenge", ...challenge });
  }
  return null;
}

export async function getShare(
  deps: Deps,
  userId: number,
  q: ActivityQuery & { productId?: number | undefined },
) {
  const sharer = await activeSharer(deps, userId);
  const productId = q.productId;
  const links = {
    code: sharer.inviteCode,
    shopLink: shareLink(deps.config.publicUrl, sharer.inviteCode, { kind: "shop" }),
    storefrontLink: shareLink(deps.config.publicUrl, sharer.inviteCode, { kind: "storefront" }),
    activityLink: await activityLinkOf(deps, sharer.inviteCode, q),
  };
  if (productId === undefined) return { ...links, productLink: null, estimate: null };
  const product = await shareableProduct(deps, productId);
  const skus = await findLiveSkus(deps.db, productId);
  const estimate = estimateShareEarning({
    plan: planOf(await getDistributionSettings(deps.db)),
    sharer: chainMemberSchema.parse({
      userId: String(userId),
      isActiveDistributor: true,
      gradeRatesBps: (sharer.ratesBps as Bps[] | null) ?? null,
    }),
    productRule: parseRule(product.commissionRule),
    skus: skus.map((s) => ({ priceFen: fen(s.priceFen), skuRule: parseRule(s.commissionRule) })),
  });
  return {
    ...links,
    productLink: shareLink(deps.config.publicUrl, sharer.inviteCode, { kind: "product", productId }),
    estimate: estimate.kind === "earns" ? { minFen: estimate.minFen, maxFen: estimate.maxFen } : null,
  };
}
