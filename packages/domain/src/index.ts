// The public face of the domain: pure business rules, no I/O.

export * from "./commerce/after-sale-state.ts";
export * from "./commerce/freight.ts";
export * from "./commerce/order-state.ts";
export * from "./commerce/quote.ts";
export * from "./money.ts";
