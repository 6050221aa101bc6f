// The public face of the domain: pure business rules, no I/O.

export * from "./auth/login-throttle.ts";
export * from "./auth/verification-code.ts";
export * from "./commerce/after-sale-state.ts";
export * from "./commerce/due-dates.ts";
export * from "./commerce/freight.ts";
export * from "./commerce/order-number.ts";
export * from "./commerce/order-state.ts";
export * from "./commerce/purchase-limit.ts";
export * from "./commerce/quote.ts";
export * from "./commerce/refund-amount.ts";
export * from "./distribution/binding.ts";
export * from "./distribution/clawback.ts";
export * from "./distribution/commission-engine.ts";
export * from "./distribution/commission-state.ts";
export * from "./distribution/eligibility.ts";
export * from "./distribution/fraud.ts";
export * from "./distribution/grades.ts";
export * from "./distribution/plan.ts";
export * from "./distribution/rewards.ts";
export * from "./distribution/rules/index.ts";
export * from "./distribution/simulate.ts";
export * from "./distribution/withdrawal.ts";
export * from "./money.ts";
export * from "./wallet/refund-split.ts";
export * from "./wallet/wallet-payment.ts";
