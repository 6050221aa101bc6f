// Prizes in kind (奖品): what a bonus tier or a contest rank gives besides cash, and how it reaches the winner
// when the run is approved. A coupon of a template is issued to the winner; a service SKU (a course, a trial
// class) is granted as a ¥0 order delivered by its redemption code; anything else is a physical prize that
// staff hand over and mark as sent (发放登记). Each grant has a natural key, so approving again grants nothing.

/** What a prize names besides its label: a coupon template or a service SKU (at most one); neither = physical. */
export type PrizeInKind = { item: string | null; couponTemplateId?: number | null; skuId?: number | null };

export type PrizeGrant =
  | { kind: "coupon"; templateId: number }
  | { kind: "order"; skuId: number }
  | { kind: "physical" }
  | { kind: "none" };

/** How a prize is granted. Example: { item: "¥199 体验课", skuId: 42 } → a ¥0 order of SKU 42. */
export function prizeGrantOf(prize: PrizeInKind): PrizeGrant {
  if (prize.couponTemplateId) return { kind: "coupon", templateId: prize.couponTemplateId };
  if (prize.skuId) return { kind: "order", skuId: prize.skuId };
  return prize.item ? { kind: "physical" } : { kind: "none" };
}

/**
 * A prize in kind carries a label (what the winner is told) and names a coupon template or a SKU, not both.
 * Example: { item: null, couponTemplateId: 3 } → "a prize in kind needs its label".
 */
export function prizeInKindProblem(prize: PrizeInKind): string | null {
  if (prize.couponTemplateId && prize.skuId) return "a prize is a coupon or a product, not both";
  if ((prize.couponTemplateId || prize.skuId) && !prize.item?.trim())
    return "a prize in kind needs its label";
  return null;
}

/** The natural key of one grant: the run's kind and period, the line's group (rank or rule) and the winner. */
export function prizeGrantKey(run: { kind: string; periodKey: string }, groupId: number, userId: number) {
  return `dividend:${run.kind}:${run.periodKey}:${groupId}:u:${userId}`;
}

export type PrizeStatus = "awaiting_approval" | "granted" | "to_send" | "sent" | "not_granted";

/**
 * Where a winner's prize in kind stands: before approval it waits; a coupon or ¥0 order is granted at
 * approval; a physical prize waits to be sent until staff mark it. A discarded run grants nothing.
 */
export function prizeStatusOf(line: {
  runStatus: "preview" | "approved" | "discarded";
  grantRef: string | null;
  sentAtMs: number | null;
}): PrizeStatus {
  if (line.runStatus === "discarded") return "not_granted";
  if (line.runStatus === "preview") return "awaiting_approval";
  if (line.grantRef) return "granted";
  return line.sentAtMs !== null ? "sent" : "to_send";
}
