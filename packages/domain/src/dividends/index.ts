// Dividends, bonuses and contests: the pure rules, listed once.
export * from "./caps.ts";
export * from "./clawback.ts";
export * from "./contest.ts";
export * from "./grade-upgrade.ts";
export * from "./payout-rate.ts";
export * from "./periods.ts";
export * from "./plan-run-approval.ts";
export * from "./pools.ts";
export * from "./prizes.ts";
export * from "./split-pool.ts";
export * from "./team-dividend.ts";
export * from "./volume-bonus.ts";
