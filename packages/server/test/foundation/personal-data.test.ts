// Customers' phone numbers on staff screens: every list masks them for every role (owner included); the
// full number comes one record at a time through the reveal route (customers.reveal, owner by default), and
// each reveal and each CSV export with personal data is in the audit log.
import { beforeAll, describe, expect, test } from "vitest";
import { createFreight, createProduct, pay, placeOrder, SHENZHEN } from "../commerce/fixtures.ts";
import { distributor, enableDistribution } from "../distribution/support.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";

let ctx: TestContext;
let owner: string;
const roles = ["owner", "operator", "finance", "support"] as const;
let tokens: Record<(typeof roles)[number], string>;
const RECIPIENT = "13712345678";
const FORM_PHONE = "13500000009";
let upline: Awaited<ReturnType<typeof distributor>>;
let earner: Awaited<ReturnType<typeof distributor>>;
let applicant: { userId: number; phone: string; token: string };
let orderId: number;
let applicationId: number;

/** Every full phone number this test created; none may appear in a list. */
const fullPhones = () => [RECIPIENT, FORM_PHONE, upline.phone, earner.phone, applicant.phone];
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  tokens = {
    owner,
    operator: await ctx.client.createStaff(owner, "operator"),
    finance: await ctx.client.createStaff(owner, "finance"),
    support: await ctx.client.createStaff(owner, "support"),
  };
  await enableDistribution(ctx, owner);
  await createFreight(ctx, owner);
  const product = await createProduct(ctx, owner, { skus: [{ priceFen: 10000, stock: 10, specValues: [] }] });
  upline = await distributor(ctx);
  earner = await distributor(ctx, upline.code);
  const address = await ctx.client.post(
    "/api/v1/addresses",
    { name: "收件人", phone: RECIPIENT, ...SHENZHEN, detail: "1 号" },
    earner.token,
  );
  const order = await placeOrder(ctx, { token: earner.token, addressId: address.body.id }, [
    { skuId: product.skus[0]!.id, quantity: 1 },
  ]);
  await pay(ctx, order);
  orderId = order.id;

  await enableDistribution(ctx, owner, { eligibility: { kind: "application" } });
  applicant = await ctx.client.registerShopper({ nickname: "申请人" });
  await ctx.client.post(
    "/api/v1/distribution/applications",
    { realName: "周某", phone: FORM_PHONE, note: "" },
    applicant.token,
  );
  const queue = await ctx.client.get("/api/admin/v1/distribution/applications", owner);
  applicationId = queue.body.items.find((a: { userId: number }) => a.userId === applicant.userId).id;
});

const lists = () => [
  { name: "佣金记录", url: "/api/admin/v1/distribution/commissions", permission: "distribution.read" },
  { name: "分销申请", url: "/api/admin/v1/distribution/applications", permission: "distribution.read" },
  { name: "分销员", url: "/api/admin/v1/distribution/distributors", permission: "distribution.read" },
  {
    name: "分销员详情",
    url: `/api/admin/v1/distribution/distributors/${upline.userId}`,
    permission: "distribution.read",
  },
  { name: "订单列表", url: "/api/admin/v1/orders", permission: "orders.read" },
  { name: "订单详情", url: `/api/admin/v1/orders/${orderId}`, permission: "orders.read" },
];

describe("staff lists mask phones", () => {
  test.each(roles)("as %s, no list carries a full phone number", async (role) => {
    let read = 0;
    for (const list of lists()) {
      const res = await ctx.client.get(list.url, tokens[role]);
      if (res.status === 403) continue;
      expect(res.status, `${list.name}: ${JSON.stringify(res.body)}`).toBe(200);
      read++;
      const text = JSON.stringify(res.body);
      for (const phone of fullPhones()) expect(text, `${list.name} shows ${phone}`).not.toContain(phone);
    }
    expect(read).toBeGreaterThan(0);
  });

  test("the masked numbers are still there to tell customers apart", async () => {
    const commissions = await ctx.client.get("/api/admin/v1/distribution/commissions", owner);
    expect(commissions.body.items.map((c: { earnerPhone: string }) => c.earnerPhone)).toContain(
      masked(upline.phone),
    );
    const applications = await ctx.client.get("/api/admin/v1/distribution/applications", owner);
    expect(applications.body.items[0]).toMatchObject({
      phone: masked(FORM_PHONE),
      accountPhone: masked(applicant.phone),
    });
    const order = await ctx.client.get(`/api/admin/v1/orders/${orderId}`, owner);
    expect(order.body.address.phone).toBe("137****5678");
    const detail = await ctx.client.get(`/api/admin/v1/distribution/distributors/${earner.userId}`, owner);
    expect(detail.body.profile.phone).toBe(masked(earner.phone));
  });

  test("staff still find an order by the full phone they were given", async () => {
    const found = await ctx.client.get(`/api/admin/v1/orders?phone=${RECIPIENT}`, owner);
    expect(found.body.items.map((o: { id: number }) => o.id)).toEqual([orderId]);
  });
});

describe("revealing one record", () => {
  test.each(["operator", "finance", "support"] as const)(
    "%s may not reveal, and nothing is logged",
    async (role) => {
      const before = await auditCount();
      const res = await ctx.client.post(
        "/api/admin/v1/personal-data/reveal",
        { subject: "order", id: orderId },
        tokens[role],
      );
      expect([res.status, res.body.error?.code]).toEqual([403, "FORBIDDEN"]);
      expect(await auditCount()).toBe(before);
    },
  );

  test("the owner reveals an order's recipient, an application and a user; each reveal is audited", async () => {
    const order = await ctx.client.post(
      "/api/admin/v1/personal-data/reveal",
      { subject: "order", id: orderId },
      owner,
    );
    expect(order.status, JSON.stringify(order.body)).toBe(200);
    expect(order.body).toEqual({
      subject: "order",
      id: orderId,
      phone: RECIPIENT,
      accountPhone: earner.phone,
    });
    const entry = await latestAudit("order");
    expect(entry).toMatchObject({
      staffUsername: "owner",
      action: "personal_data.reveal",
      entityId: String(orderId),
      after: { fields: ["phone", "accountPhone"] },
    });
    // the log says what was shown, never the number itself
    expect(JSON.stringify(entry)).not.toContain(RECIPIENT);

    const application = await ctx.client.post(
      "/api/admin/v1/personal-data/reveal",
      { subject: "distributor_application", id: applicationId },
      owner,
    );
    expect(application.body).toMatchObject({ phone: FORM_PHONE, accountPhone: applicant.phone });
    expect(await latestAudit("distributor_application")).toMatchObject({
      action: "personal_data.reveal",
      entityId: String(applicationId),
    });

    const user = await ctx.client.post(
      "/api/admin/v1/personal-data/reveal",
      { subject: "user", id: upline.userId },
      owner,
    );
    expect(user.body).toMatchObject({ phone: upline.phone });
    expect(await latestAudit("user")).toMatchObject({
      action: "personal_data.reveal",
      entityId: String(upline.userId),
    });
  });

  test("a record that does not exist is 404 and not logged", async () => {
    const before = await auditCount();
    const res = await ctx.client.post(
      "/api/admin/v1/personal-data/reveal",
      { subject: "user", id: 999_999 },
      owner,
    );
    expect(res.status).toBe(404);
    expect(await auditCount()).toBe(before);
  });
});

describe("CSV export", () => {
  test("an export with names, phones and addresses is audited with its filter and size", async () => {
    const operator = tokens.operator;
    const operatorName = (await ctx.client.get("/api/admin/v1/me", operator)).body.username;
    const res = await ctx.client.get("/api/admin/v1/orders/export.csv?status=paid", operator);
    expect(res.status).toBe(200);
    expect(await latestAudit("order")).toMatchObject({
      staffUsername: operatorName,
      action: "orders.export",
      after: { filter: { status: "paid" }, orders: 1, personalData: ["name", "phone", "address"] },
    });
  });
});

async function latestAudit(entity: string) {
  const res = await ctx.client.get(`/api/admin/v1/audit-log?entity=${entity}&limit=1`, owner);
  return res.body.items[0];
}

async function auditCount() {
  const res = await ctx.client.get("/api/admin/v1/audit-log?limit=100", owner);
  return res.body.items.length as number;
}
