// HTTP contract of sharing: a distributor's links and estimated earning; the short links themselves.
import { z } from "zod";
import { posterTemplateIds } from "../../adapters/posters/templates.ts";
import { fromDigits } from "../../http/input-types.ts";
import { PosterSettings, StorageKey } from "./poster-settings.ts";

export const ShareQuery = z.strictObject({
  productId: fromDigits(z.number().int().positive()).optional(),
  /** A group-buy activity (拼团) to share. */
  groupBuyId: fromDigits(z.number().int().positive()).optional(),
  /** One open group to invite people into. */
  groupId: fromDigits(z.number().int().positive()).optional(),
  /** A group challenge (团购挑战) to share: 404 when there is none, CHALLENGE_ENDED once it has ended. */
  challengeId: fromDigits(z.number().int().positive()).optional(),
});

export const ShareResponse = z.strictObject({
  code: z.string(),
  /** `/s/CODE`: opens the shop with the code. */
  shopLink: z.string(),
  /** `/s/CODE/p/ID`: opens the product with the code; null without a product. */
  productLink: z.string().nullable(),
  /** `/s/CODE/store`: the distributor's storefront. */
  storefrontLink: z.string(),
  /** `/s/CODE/g/ID` for a group buy, `/s/CODE/t/ID` for a group, `/s/CODE/c/ID` for a challenge; else null. */
  activityLink: z.string().nullable(),
  /** What one unit bought through the link would earn the distributor (level 1), cheapest to dearest SKU. */
  estimate: z.strictObject({ minFen: z.number(), maxFen: z.number() }).nullable(),
});

export const ShortLinkParams = z.strictObject({ code: z.string().max(64) });
export const ShortProductLinkParams = z.strictObject({
  code: z.string().max(64),
  productId: fromDigits(z.number().int().positive()),
});

export const ShortActivityLinkParams = z.strictObject({
  code: z.string().max(64),
  id: fromDigits(z.number().int().positive()),
});

export const ProductPosterParams = z.strictObject({ productId: fromDigits(z.number().int().positive()) });

export const JsConfigQuery = z.strictObject({ url: z.string().min(1).max(1000) });
export const JsConfigResponse = z.strictObject({
  appId: z.string(),
  timestamp: z.number(),
  nonceStr: z.string(),
  signature: z.string(),
});

export const PosterPreviewQuery = z.strictObject({
  kind: z.enum(["product", "invite"]),
  template: z.enum(posterTemplateIds),
  productId: fromDigits(z.number().int().positive()).optional(),
  inviteBackgroundKey: StorageKey.optional(),
  inviteText: z.string().trim().min(1).max(80).optional(),
});

export const PosterSettingsBody = PosterSettings.partial();
export { PosterSettings };
