// Issue 8 item 5: input that once reached PostgreSQL and came back as a 500 is refused with a 422 (or 404)
// and a stable code: control characters anywhere, empty PATCH bodies, ids that are not decimal digits,
// appointing a user who does not exist. Nothing of it is stored.
import { describe, expect, test } from "vitest";
import { createProduct, pay, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { client } = ctx;
const owner = await client.loginOwner();
const shopper = await shopperWithAddress(ctx);
const product = await createProduct(ctx, owner, { skus: [{ priceFen: 1000, stock: 50 }] });
const sku = product.skus[0]!.id;
const address = {
  name: "林小姐",
  phone: "13912340000",
  provinceCode: "440000",
  cityCode: "440300",
  districtCode: "440305",
  detail: "科技园 1 号",
};

function expectCode(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe("string");
}

describe("a NUL byte or another control character is refused before the database", () => {
  test("sign-up nickname and ref, WeChat ref, referral visit ref", async () => {
    expectCode(
      await client.post("/api/v1/auth/register", {
        phone: "13800000001",
        password: "shopper-pass-1",
        nickname: "a\u0000b",
      }),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    expectCode(
      await client.post("/api/v1/auth/register", {
        phone: "13800000001",
        password: "shopper-pass-1",
        ref: "AB\u0000",
      }),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    expectCode(
      await client.post("/api/v1/auth/wechat", { code: "demo-x", ref: "\u0000" }),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    expectCode(
      await client.post("/api/v1/referrals/visit", { ref: "ABCD\u0000" }, shopper.token),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    // Nobody was signed up by the refused requests.
    expect(
      (await client.post("/api/v1/auth/login", { phone: "13800000001", password: "shopper-pass-1" })).status,
    ).toBe(401);
  });

  test("search, addresses, order remark, after-sale reason and photos", async () => {
    expectCode(await client.get("/api/v1/products?q=%00"), 422, "TEXT_CONTROL_CHARACTER");
    expectCode(await client.get("/api/v1/products?q=a%1Bb"), 422, "TEXT_CONTROL_CHARACTER");
    expectCode(
      await client.post("/api/v1/addresses", { ...address, detail: "科技园\u0000" }, shopper.token),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    expectCode(
      await client.post("/api/v1/addresses", { ...address, name: "林\u0085" }, shopper.token),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    expectCode(
      await client.post(
        "/api/v1/orders",
        { addressId: shopper.addressId, items: [{ skuId: sku, quantity: 1 }], remark: "快点\u0000" },
        shopper.token,
      ),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    const order = await placeOrder(ctx, shopper, [{ skuId: sku, quantity: 1 }]);
    await pay(ctx, order);
    const orderId = order.id as number;
    const lines = (await client.get(`/api/v1/orders/${orderId}`, shopper.token)).body.items as Array<{
      id: number;
    }>;
    const request = {
      kind: "refund_only",
      reason: "不想要了\u0000",
      items: [{ orderItemId: lines[0]!.id, quantity: 1 }],
    };
    expectCode(
      await client.post(`/api/v1/orders/${orderId}/after-sales`, request, shopper.token),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    expectCode(
      await client.post(
        `/api/v1/orders/${orderId}/after-sales`,
        { ...request, reason: "不想要了", photos: ["/uploads/a\u0000.png"] },
        shopper.token,
      ),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    expect((await client.get("/api/v1/after-sales", shopper.token)).body.items).toHaveLength(0);
  });

  test("staff routes, and a control character in an object key", async () => {
    expectCode(
      await client.post("/api/admin/v1/categories", { name: "鞋\u0000" }, owner),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    expectCode(
      await client.post(
        "/api/admin/v1/staff",
        { username: "clerk_1", name: "x\u0007", role: "support", password: "staff-pass-1" },
        owner,
      ),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    expectCode(
      await client.post(
        "/api/admin/v1/freight-templates",
        {
          name: "快递\u0000",
          mode: "by_piece",
          defaultRule: { firstUnits: 1, firstFeeFen: 0, additionalUnits: 1, additionalFeeFen: 0 },
        },
        owner,
      ),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    expectCode(await client.get("/api/admin/v1/audit-log?entity=%00", owner), 422, "TEXT_CONTROL_CHARACTER");
    expectCode(
      await client.post("/api/admin/v1/categories", { "na\u0000me": "鞋" }, owner),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
  });

  test("line breaks stay allowed where text has several lines, but not in a name; bidi overrides never in a name", async () => {
    const created = await client.post(
      "/api/admin/v1/products",
      {
        title: "多行描述",
        status: "on_sale",
        subtitle: "第一行\n第二行",
        skus: [{ priceFen: 100, stock: 1 }],
      },
      owner,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectCode(
      await client.post("/api/admin/v1/categories", { name: "鞋\n帽" }, owner),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    expectCode(
      await client.post("/api/v1/auth/register", {
        phone: "13800000002",
        password: "shopper-pass-1",
        nickname: "\u202Egnp.exe",
      }),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
    expectCode(
      await client.post("/api/v1/addresses", { ...address, name: "林\u2066小姐" }, shopper.token),
      422,
      "TEXT_CONTROL_CHARACTER",
    );
  });

  test("JSON nested deeper than any contract is refused, not crashed on", async () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const res = await client.request("POST", "/api/admin/v1/categories", {
      rawBody: `{"name":"a","parentId":${deep}}`,
      token: owner,
    });
    expectCode(res, 422, "VALIDATION_FAILED");
  });
});

describe("a payment notification for a provider named like an object property", () => {
  test("toString, __proto__ and constructor are unknown providers (404 ack), not a crash", async () => {
    for (const name of ["toString", "__proto__", "constructor", "hasOwnProperty"])
      for (const kind of ["", "/refund"]) {
        const res = await client.request("POST", `/api/v1/payments/notify/${name}${kind}`, { rawBody: "{}" });
        expect(res.status, `${name}${kind}`).toBe(404);
      }
  });
});

describe("an empty PATCH says there is nothing to update", () => {
  test("categories, staff, cart line, settings", async () => {
    const category = await client.post("/api/admin/v1/categories", { name: "鞋" }, owner);
    expectCode(
      await client.patch(`/api/admin/v1/categories/${category.body.id}`, {}, owner),
      422,
      "NOTHING_TO_UPDATE",
    );
    const staff = await client.post(
      "/api/admin/v1/staff",
      { username: "clerk_2", name: "小王", role: "support", password: "staff-pass-1" },
      owner,
    );
    expectCode(
      await client.patch(`/api/admin/v1/staff/${staff.body.id}`, {}, owner),
      422,
      "NOTHING_TO_UPDATE",
    );
    expectCode(await client.patch("/api/admin/v1/settings", {}, owner), 422, "NOTHING_TO_UPDATE");
    const cart = await client.post("/api/v1/cart/items", { skuId: sku, quantity: 1 }, shopper.token);
    expectCode(
      await client.patch(`/api/v1/cart/items/${cart.body.lines[0].id}`, {}, shopper.token),
      422,
      "NOTHING_TO_UPDATE",
    );
    // A real change still works.
    expect(
      (await client.patch(`/api/admin/v1/categories/${category.body.id}`, { sort: 3 }, owner)).status,
    ).toBe(200);
  });
});

describe("ids are decimal digits, and must name something", () => {
  test("appointing a user who does not exist is a 404; 1e3, 0x10, 1.5, -1 and 2^63 are not ids", async () => {
    const base = "/api/admin/v1/distribution/distributors";
    expectCode(await client.post(`${base}/999999/appoint`, {}, owner), 404, "NOT_FOUND");
    for (const id of ["1e3", "0x10", "1.5", "-1", "0", "9223372036854775808", "%20", "1%00"])
      expectCode(
        await client.post(`${base}/${id}/appoint`, {}, owner),
        422,
        id === "1%00" ? "TEXT_CONTROL_CHARACTER" : "VALIDATION_FAILED",
      );
    expectCode(await client.get("/api/v1/products/0x10"), 422, "VALIDATION_FAILED");
    expectCode(await client.get("/api/v1/orders?limit=1e1", shopper.token), 422, "VALIDATION_FAILED");
    expect((await client.post(`${base}/${shopper.userId}/appoint`, {}, owner)).status).toBe(200);
  });
});
