// Commerce tables: catalog (categories, products, SKUs, stock log), freight templates, carts, addresses,
// orders with their items, parcels and timeline, and after-sales. Money is bigint fen; deadlines are due_at columns.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { at, id, money, ref } from "./columns.ts";

export const productStatuses = ["draft", "on_sale", "off_sale"] as const;
export type ProductStatus = (typeof productStatuses)[number];
/** `service`: a course or class, delivered by a redemption code instead of a parcel (no address, no freight). */
export const productKinds = ["physical", "service"] as const;
export type ProductKind = (typeof productKinds)[number];

export const categories = pgTable(
  "categories",
  {
    id: id(),
    parentId: ref("parent_id"),
    name: text("name").notNull(),
    iconUrl: text("icon_url"),
    sort: integer("sort").notNull().default(0),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    // the tree is built from children of each parent
    index("categories_parent_idx").on(t.parentId, t.sort),
  ],
);

export type SpecAxis = { name: string; values: string[] };
export type ProductParam = { key: string; value: string };

export const products = pgTable(
  "products",
  {
    id: id(),
    categoryId: ref("category_id").references(() => categories.id),
    title: text("title").notNull(),
    subtitle: text("subtitle").notNull().default(""),
    images: jsonb("images").$type<string[]>().notNull().default([]),
    params: jsonb("params").$type<ProductParam[]>().notNull().default([]),
    descriptionHtml: text("description_html").notNull().default(""),
    specAxes: jsonb("spec_axes").$type<SpecAxis[]>().notNull().default([]),
    status: text("status", { enum: productStatuses }).notNull().default("draft"),
    sort: integer("sort").notNull().default(0),
    purchaseLimit: integer("purchase_limit"),
    freightTemplateId: ref("freight_template_id").references(() => freightTemplates.id),
    commissionRule: jsonb("commission_rule"),
    kind: text("kind", { enum: productKinds }).notNull().default("physical"),
    /** A service left unredeemed counts as delivered this many days after payment (null: only redemption does). */
    serviceValidDays: integer("service_valid_days"),
    salesCount: integer("sales_count").notNull().default(0),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // the shop's feed and category pages: on-sale products by sort, then id (cursor)
    index("products_status_sort_idx").on(t.status, t.sort, t.id),
    // category page
    index("products_category_idx").on(t.categoryId, t.status, t.sort, t.id),
    check("products_status_check", sql`${t.status} in ('draft', 'on_sale', 'off_sale')`),
    check("products_purchase_limit_check", sql`${t.purchaseLimit} is null or ${t.purchaseLimit} > 0`),
    check("products_kind_check", sql`${t.kind} in ('physical', 'service')`),
    check(
      "products_service_valid_days_check",
      sql`${t.serviceValidDays} is null or ${t.serviceValidDays} > 0`,
    ),
  ],
);

/**
 * Units sold since `products.sales_count`, spread over slot rows: each database connection adds a paid
 * order's quantities to its own slot (`pg_backend_pid() % 16`), so a popular product's payments do not
 * queue on its row; readers add the slots to `sales_count` (catalog/repo.ts).
 */
export const productSalesSlots = pgTable(
  "product_sales_slots",
  {
    productId: ref("product_id")
      .notNull()
      .references(() => products.id),
    slot: integer("slot").notNull(),
    quantity: integer("quantity").notNull().default(0),
  },
  // a payment adds to (product, its connection's slot); a reader sums a product's slots
  (t) => [primaryKey({ columns: [t.productId, t.slot] })],
);

export const skus = pgTable(
  "skus",
  {
    id: id(),
    productId: ref("product_id")
      .notNull()
      .references(() => products.id),
    /** One value per spec axis of the product, in axis order. */
    specValues: jsonb("spec_values").$type<string[]>().notNull().default([]),
    priceFen: money("price_fen").notNull(),
    originalPriceFen: money("original_price_fen"),
    stock: integer("stock").notNull().default(0),
    code: text("code"),
    weightGrams: integer("weight_grams").notNull().default(0),
    imageUrl: text("image_url"),
    commissionRule: jsonb("commission_rule"),
    /** A SKU removed from the matrix stays for the orders that name it. */
    archived: boolean("archived").notNull().default(false),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    // the product page loads its SKUs
    index("skus_product_idx").on(t.productId),
    // no index on stock: every order moves it, and an indexed column makes each move a new row version
    // with an entry in every index; the rare low-stock list reads the shop's SKUs instead (migration 0048)
    // a SKU code identifies one live SKU
    uniqueIndex("skus_code_key").on(t.code).where(sql`${t.code} is not null and not ${t.archived}`),
    check("skus_stock_check", sql`${t.stock} >= 0`),
    check("skus_price_check", sql`${t.priceFen} >= 0`),
    check("skus_original_price_check", sql`${t.originalPriceFen} is null or ${t.originalPriceFen} >= 0`),
    check("skus_weight_check", sql`${t.weightGrams} >= 0`),
  ],
);

export const stockReasons = [
  "initial",
  "manual_adjust",
  "order_placed",
  "order_cancelled",
  "order_closed",
  "after_sale_return",
] as const;
export type StockReason = (typeof stockReasons)[number];

export const stockLogs = pgTable(
  "stock_logs",
  {
    id: id(),
    skuId: ref("sku_id")
      .notNull()
      .references(() => skus.id),
    delta: integer("delta").notNull(),
    stockAfter: integer("stock_after").notNull(),
    reason: text("reason", { enum: stockReasons }).notNull(),
    orderId: ref("order_id"),
    staffId: ref("staff_id"),
    userId: ref("user_id"),
    /** The after-sale whose returned goods came back (reason after_sale_return). */
    afterSaleId: ref("after_sale_id"),
    note: text("note"),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [
    // the stock log page of one SKU, newest first
    index("stock_logs_sku_idx").on(t.skuId, t.id),
    check("stock_logs_after_check", sql`${t.stockAfter} >= 0`),
  ],
);

export type FreightRuleJson = {
  firstUnits: number;
  firstFeeFen: number;
  additionalUnits: number;
  additionalFeeFen: number;
};

export const freightTemplates = pgTable(
  "freight_templates",
  {
    id: id(),
    name: text("name").notNull(),
    mode: text("mode", { enum: ["by_piece", "by_weight"] }).notNull(),
    defaultRule: jsonb("default_rule").$type<FreightRuleJson>().notNull(),
    regionRules: jsonb("region_rules")
      .$type<{ regionCodes: string[]; rule: FreightRuleJson }[]>()
      .notNull()
      .default([]),
    freeOverFen: money("free_over_fen"),
    freeOverPieces: integer("free_over_pieces"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("freight_templates_mode_check", sql`${t.mode} in ('by_piece', 'by_weight')`),
    check("freight_templates_free_over_check", sql`${t.freeOverFen} is null or ${t.freeOverFen} >= 0`),
  ],
);

export const cartItems = pgTable(
  "cart_items",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    skuId: ref("sku_id")
      .notNull()
      .references(() => skus.id),
    quantity: integer("quantity").notNull(),
    selected: boolean("selected").notNull().default(true),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // one line per SKU in a shopper's cart; the cart page lists them
    uniqueIndex("cart_items_user_sku_key").on(t.userId, t.skuId),
    check("cart_items_quantity_check", sql`${t.quantity} > 0`),
  ],
);

export const addresses = pgTable(
  "addresses",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    phone: text("phone").notNull(),
    provinceCode: text("province_code").notNull(),
    cityCode: text("city_code").notNull(),
    districtCode: text("district_code").notNull(),
    /** "广东省 深圳市 南山区", kept with the codes so the address reads the same if the list changes. */
    regionText: text("region_text").notNull(),
    detail: text("detail").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    // the shopper's address book
    index("addresses_user_idx").on(t.userId),
  ],
);

export const orderStatuses = [
  "pending_payment",
  "paid",
  "shipped",
  "received",
  "completed",
  "cancelled",
  "closed",
  "refunded",
] as const;

export type AddressSnapshot = {
  name: string;
  phone: string;
  provinceCode: string;
  cityCode: string;
  districtCode: string;
  regionText: string;
  detail: string;
};

/** The activities' discounts of an order's pricing, and their activity ids (orders_activity_discounts_idx). */
export const ACTIVITY_DISCOUNTS = '$.discounts[*] ? (@.source == "activity")';
export const ACTIVITY_DISCOUNT_IDS = `${ACTIVITY_DISCOUNTS}.sourceId`;

/** Feeds the readable, unique tail of order numbers. */
export const orderNoSequence = pgSequence("order_no_seq", { startWith: 1 });

export const orders = pgTable(
  "orders",
  {
    id: id(),
    orderNo: text("order_no").notNull(),
    buyerUserId: ref("buyer_user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: orderStatuses }).notNull(),
    activityKind: text("activity_kind"),
    goodsFen: money("goods_fen").notNull(),
    discountFen: money("discount_fen").notNull(),
    freightFen: money("freight_fen").notNull(),
    payableFen: money("payable_fen").notNull(),
    refundedFen: money("refunded_fen").notNull().default(0),
    /** The part of payable held (then paid) from the buyer's shop balance; the provider pays the rest. */
    walletFen: money("wallet_fen").notNull().default(0),
    freightRefundedFen: money("freight_refunded_fen").notNull().default(0),
    /** The quote as computed at placing: applied discounts and freight per template. */
    pricing: jsonb("pricing").notNull(),
    /** `redemption`: service goods, delivered by a code at payment; such an order has no address. */
    delivery: text("delivery", { enum: ["shipping", "redemption"] })
      .notNull()
      .default("shipping"),
    address: jsonb("address").$type<AddressSnapshot>(),
    /** The address's phone (or, without an address, the buyer's), copied out so staff can find orders by it. */
    contactPhone: text("contact_phone").notNull(),
    buyerRemark: text("buyer_remark").notNull().default(""),
    merchantRemark: text("merchant_remark").notNull().default(""),
    paymentProvider: text("payment_provider"),
    paymentTransactionId: text("payment_transaction_id"),
    placedAt: at("placed_at").notNull(),
    paidAt: at("paid_at"),
    shippedAt: at("shipped_at"),
    receivedAt: at("received_at"),
    completedAt: at("completed_at"),
    endedAt: at("ended_at"),
    closeDueAt: at("close_due_at"),
    autoReceiveDueAt: at("auto_receive_due_at"),
    completeDueAt: at("complete_due_at"),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_order_no_key").on(t.orderNo),
    // the shopper's order list by status, newest first
    index("orders_buyer_idx").on(t.buyerUserId, t.status, t.id),
    // the staff order list, newest first, filtered by status
    index("orders_status_idx").on(t.status, t.id),
    // staff search by phone
    index("orders_contact_phone_idx").on(t.contactPhone),
    // the close-unpaid sweep
    index("orders_close_due_idx").on(t.closeDueAt).where(sql`${t.status} = 'pending_payment'`),
    // the auto-receive sweep
    index("orders_auto_receive_due_idx").on(t.autoReceiveDueAt).where(sql`${t.status} = 'shipped'`),
    // the complete sweep
    index("orders_complete_due_idx").on(t.completeDueAt).where(sql`${t.status} = 'received'`),
    // an activity's results: the orders its threshold discount took money off, found by the activity's id among
    // the few activity discounts of each order (not by reading every order's pricing). No pending list
    // (fastupdate off): a read never scans the entries inserts left unmerged, which grew with history.
    index("orders_activity_discounts_idx")
      .using("gin", sql`jsonb_path_query_array(${t.pricing}, ${sql.raw(`'${ACTIVITY_DISCOUNT_IDS}'`)})`)
      .with({ fastupdate: false })
      .where(sql`jsonb_path_exists(${t.pricing}, ${sql.raw(`'${ACTIVITY_DISCOUNTS}'`)})`),
    check(
      "orders_status_check",
      sql`${t.status} in ('pending_payment', 'paid', 'shipped', 'received', 'completed', 'cancelled', 'closed', 'refunded')`,
    ),
    check("orders_delivery_check", sql`${t.delivery} in ('shipping', 'redemption')`),
    check("orders_address_check", sql`${t.delivery} = 'redemption' or ${t.address} is not null`),
    check(
      "orders_money_check",
      sql`${t.goodsFen} >= 0 and ${t.discountFen} >= 0 and ${t.freightFen} >= 0 and ${t.payableFen} >= 0`,
    ),
    check("orders_wallet_check", sql`${t.walletFen} >= 0 and ${t.walletFen} <= ${t.payableFen}`),
    check(
      "orders_refund_check",
      sql`${t.refundedFen} >= 0 and ${t.refundedFen} <= ${t.payableFen} and ${t.freightRefundedFen} >= 0 and ${t.freightRefundedFen} <= ${t.freightFen}`,
    ),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: id(),
    orderId: ref("order_id")
      .notNull()
      .references(() => orders.id),
    productId: ref("product_id").notNull(),
    skuId: ref("sku_id")
      .notNull()
      .references(() => skus.id),
    title: text("title").notNull(),
    skuLabel: text("sku_label").notNull(),
    imageUrl: text("image_url"),
    unitPriceFen: money("unit_price_fen").notNull(),
    quantity: integer("quantity").notNull(),
    listFen: money("list_fen").notNull(),
    discountFen: money("discount_fen").notNull(),
    paidFen: money("paid_fen").notNull(),
    refundedQuantity: integer("refunded_quantity").notNull().default(0),
    refundedFen: money("refunded_fen").notNull().default(0),
    /** The activity that priced the line (flash sale, group buy, …) and its kind; null for a plain line. */
    activityId: ref("activity_id"),
    activityKind: text("activity_kind"),
    /** The list price of one unit when an activity priced the line below it. */
    originalUnitFen: money("original_unit_fen"),
    /** A gift line (买一送一 / 满赠, ¥0): the order items that earned it; its after-sale goes along with theirs. */
    giftOf: jsonb("gift_of").$type<number[]>(),
  },
  (t) => [
    // per-person activity limits: what a shopper already bought in an activity (joined to orders)
    index("order_items_activity_idx").on(t.activityId).where(sql`${t.activityId} is not null`),
    // an order's lines
    index("order_items_order_idx").on(t.orderId),
    // purchase limits: what a shopper already bought of a product (joined to orders)
    index("order_items_product_idx").on(t.productId),
    check("order_items_quantity_check", sql`${t.quantity} > 0`),
    check(
      "order_items_money_check",
      sql`${t.unitPriceFen} >= 0 and ${t.listFen} >= 0 and ${t.discountFen} >= 0 and ${t.paidFen} >= 0`,
    ),
    check(
      "order_items_refund_check",
      sql`${t.refundedQuantity} between 0 and ${t.quantity} and ${t.refundedFen} between 0 and ${t.paidFen}`,
    ),
  ],
);

export const shipments = pgTable(
  "shipments",
  {
    id: id(),
    orderId: ref("order_id")
      .notNull()
      .references(() => orders.id),
    carrier: text("carrier").notNull(),
    trackingNo: text("tracking_no").notNull(),
    staffId: ref("staff_id"),
    shippedAt: at("shipped_at").notNull(),
  },
  (t) => [
    // an order's parcels
    index("shipments_order_idx").on(t.orderId),
  ],
);

export const orderEvents = pgTable(
  "order_events",
  {
    id: id(),
    orderId: ref("order_id")
      .notNull()
      .references(() => orders.id),
    kind: text("kind").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    actorKind: text("actor_kind", { enum: ["user", "staff", "system"] }).notNull(),
    actorId: ref("actor_id"),
    note: text("note"),
    at: at("at").notNull(),
  },
  (t) => [
    // an order's timeline
    index("order_events_order_idx").on(t.orderId, t.id),
    check("order_events_actor_check", sql`${t.actorKind} in ('user', 'staff', 'system')`),
  ],
);

export const afterSaleKinds = ["refund_only", "return_refund"] as const;
export const afterSaleStatuses = [
  "requested",
  "approved",
  "rejected",
  "cancelled",
  "awaiting_return",
  "returned",
  "refunding",
  "refunded",
  "refund_failed",
] as const;

export const afterSales = pgTable(
  "after_sales",
  {
    id: id(),
    orderId: ref("order_id")
      .notNull()
      .references(() => orders.id),
    buyerUserId: ref("buyer_user_id").notNull(),
    kind: text("kind", { enum: afterSaleKinds }).notNull(),
    status: text("status", { enum: afterSaleStatuses }).notNull(),
    reason: text("reason").notNull(),
    description: text("description").notNull().default(""),
    photos: jsonb("photos").$type<string[]>().notNull().default([]),
    /** Goods plus freight this after-sale refunds (decided when requested, held against the order). */
    refundFen: money("refund_fen").notNull(),
    freightRefundFen: money("freight_refund_fen").notNull().default(0),
    merchantNote: text("merchant_note"),
    returnCarrier: text("return_carrier"),
    returnTrackingNo: text("return_tracking_no"),
    refundProvider: text("refund_provider"),
    refundId: text("refund_id"),
    failureReason: text("failure_reason"),
    /** What the shopper asked for, kept when staff refund less (refundFen then holds the lower amount). */
    requestedRefundFen: money("requested_refund_fen"),
    /** Why staff refunded less than requested; required whenever they do. */
    refundAdjustReason: text("refund_adjust_reason"),
    /** Whether the returned units went back to stock when staff confirmed receipt (null before that). */
    restocked: boolean("restocked"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    refundedAt: at("refunded_at"),
  },
  (t) => [
    // an order's after-sales (and whether one is open, for the complete sweep)
    index("after_sales_order_idx").on(t.orderId, t.status),
    // the staff queue by status, oldest first
    index("after_sales_status_idx").on(t.status, t.id),
    // the shopper's after-sale list
    index("after_sales_buyer_idx").on(t.buyerUserId, t.id),
    check("after_sales_kind_check", sql`${t.kind} in ('refund_only', 'return_refund')`),
    check(
      "after_sales_status_check",
      sql`${t.status} in ('requested', 'approved', 'rejected', 'cancelled', 'awaiting_return', 'returned', 'refunding', 'refunded', 'refund_failed')`,
    ),
    check(
      "after_sales_money_check",
      sql`${t.refundFen} >= 0 and ${t.freightRefundFen} >= 0 and ${t.freightRefundFen} <= ${t.refundFen}`,
    ),
  ],
);

export const afterSaleItems = pgTable(
  "after_sale_items",
  {
    id: id(),
    afterSaleId: ref("after_sale_id")
      .notNull()
      .references(() => afterSales.id),
    orderItemId: ref("order_item_id")
      .notNull()
      .references(() => orderItems.id),
    quantity: integer("quantity").notNull(),
    refundFen: money("refund_fen").notNull(),
  },
  (t) => [
    // an after-sale's lines
    index("after_sale_items_after_sale_idx").on(t.afterSaleId),
    // what is already held or refunded of an order line
    index("after_sale_items_order_item_idx").on(t.orderItemId),
    // no units: a price difference paid back (a group challenge's final tier)
    check(
      "after_sale_items_quantity_check",
      sql`${t.quantity} > 0 or (${t.quantity} = 0 and ${t.refundFen} > 0)`,
    ),
    check("after_sale_items_refund_check", sql`${t.refundFen} >= 0`),
  ],
);
