// The one Drizzle schema: each area keeps its tables in its own file, listed here.
export * from "./accounts.ts";
export * from "./auth.ts";
export * from "./commerce.ts";
export * from "./distribution.ts";
export * from "./dividends.ts";
export * from "./group-buys.ts";
export * from "./ledger.ts";
export * from "./marketing.ts";
export * from "./notifications.ts";
export * from "./outbox.ts";
export * from "./payments.ts";
export * from "./platform.ts";
export * from "./reviews.ts";
export * from "./service.ts";
export * from "./service-goods.ts";
export * from "./storefronts.ts";
export * from "./tracking.ts";
