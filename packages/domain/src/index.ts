// The public face of the domain: pure business rules, no I/O.
export * from "./money.ts";
