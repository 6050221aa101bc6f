// Shapes the screens use, read off the generated SDK so they follow the server's contract.
import type { paths } from "@liebian/sdk";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
type Ok<Op> = Op extends { responses: infer R }
  ? R extends { 200: infer S }
    ? Json<S>
    : R extends { 201: infer S }
      ? Json<S>
      : never
  : never;

export type User = Ok<paths["/api/v1/me"]["get"]>;
export type Session = Ok<paths["/api/v1/auth/login"]["post"]>;
export type Shop = Ok<paths["/api/v1/shop"]["get"]>;
export type Category = Ok<paths["/api/v1/categories"]["get"]>[number];
export type ProductPage = Ok<paths["/api/v1/products"]["get"]>;
export type ProductCard = ProductPage["items"][number];
export type Product = Ok<paths["/api/v1/products/{id}"]["get"]>;
export type Sku = Product["skus"][number];
export type Cart = Ok<paths["/api/v1/cart"]["get"]>;
export type CartLine = Cart["lines"][number];
export type Quote = Ok<paths["/api/v1/checkout/quote"]["post"]>;
export type Address = Ok<paths["/api/v1/addresses"]["get"]>[number];
export type Province = Ok<paths["/api/v1/regions"]["get"]>[number];
export type OrderPage = Ok<paths["/api/v1/orders"]["get"]>;
export type OrderCard = OrderPage["items"][number];
export type OrderStatus = OrderCard["status"];
export type Order = Ok<paths["/api/v1/orders/{id}"]["get"]>;
/** The server's answer to starting a payment: from the pay route, or beside an order placed with `pay`. */
export type PayReply = Ok<paths["/api/v1/orders/{orderNo}/pay"]["post"]>;
/** A sandbox pay link's query, as its page reads it from the address and sends it back. */
export type SandboxLink = paths["/api/v1/pay/sandbox/check"]["get"]["parameters"]["query"];
export type AfterSale = Ok<paths["/api/v1/after-sales/{id}"]["get"]>;
export type Wallet = Ok<paths["/api/v1/wallet"]["get"]>;
export type WalletEntry = Ok<paths["/api/v1/wallet/entries"]["get"]>["items"][number];
export type SmsCodeSent = Ok<paths["/api/v1/auth/sms-codes"]["post"]>;
export type AuthOptions = Ok<paths["/api/v1/auth/options"]["get"]>;
