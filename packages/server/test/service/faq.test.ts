// 智能客服 over HTTP: the merchant's FAQ answers a matching question at once (the shopper can still ask for a
// person), an unmatched one waits for staff and is counted among the unanswered; editing is settings.write.
import { describe, expect, test } from "vitest";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { client } = ctx;
const owner = await client.loginOwner();
const support = await client.createStaff(owner, "support");
const base = "/api/v1/service/conversations";

const shipping = await client.post(
  "/api/admin/v1/service/faq",
  {
    question: "什么时候发货",
    variants: ["多久发货", "下单后几天发货"],
    answer: "付款后 48 小时内发货。",
    keywords: ["发货"],
  },
  owner,
);
await client.post(
  "/api/admin/v1/service/faq",
  {
    question: "可以开发票吗",
    variants: ["怎么开发票"],
    answer: "可以，在订单页申请电子发票。",
    keywords: ["发票"],
  },
  owner,
);

describe("automatic FAQ answers", () => {
  test("a matching question is answered at once; 转人工 puts it in the staff queue", async () => {
    expect(shipping.status).toBe(201);
    const shopper = await client.registerShopper();
    const id = (await client.post(base, {}, shopper.token)).body.conversation.id;
    const asked = await client.post(
      `${base}/${id}/messages`,
      { text: "我昨天买的什么时候能发货啊？" },
      shopper.token,
    );
    expect(asked.body.messages).toEqual([
      expect.objectContaining({ sender: "user" }),
      expect.objectContaining({
        sender: "bot",
        body: "付款后 48 小时内发货。",
        faqEntryId: shipping.body.id,
      }),
    ]);
    expect(asked.body.conversation).toMatchObject({ needsHuman: false, waitingSince: null, userUnread: 1 });
    const unassigned = await client.get("/api/admin/v1/service/conversations?view=unassigned", support);
    expect(unassigned.body.items.map((c: { id: number }) => c.id)).not.toContain(id);

    const human = await client.post(`${base}/${id}/human`, {}, shopper.token);
    expect(human.body.conversation).toMatchObject({ needsHuman: true });
    expect(human.body.messages[0].body).toContain("人工客服");
    const queue = await client.get("/api/admin/v1/service/conversations?view=unassigned", support);
    expect(queue.body.items.map((c: { id: number }) => c.id)).toContain(id);
    // once a person is asked for, the bot stays quiet
    const again = await client.post(`${base}/${id}/messages`, { text: "多久发货" }, shopper.token);
    expect(again.body.messages.map((m: { sender: string }) => m.sender)).toEqual(["user"]);

    const faq = await client.get("/api/admin/v1/service/faq", support);
    expect(faq.body.items.find((f: { id: number }) => f.id === shipping.body.id).hits).toBe(1);
  });

  test("unanswered questions are counted for the merchant, and leave the list once an entry answers them", async () => {
    const shopper = await client.registerShopper();
    const id = (await client.post(base, {}, shopper.token)).body.conversation.id;
    const asked = await client.post(`${base}/${id}/messages`, { text: "能用花呗吗？" }, shopper.token);
    expect(asked.body.messages).toHaveLength(1);
    expect(asked.body.conversation).toMatchObject({ needsHuman: true });
    const other = await client.registerShopper();
    const otherId = (await client.post(base, {}, other.token)).body.conversation.id;
    await client.post(`${base}/${otherId}/messages`, { text: "能用花呗吗" }, other.token);

    const unanswered = await client.get("/api/admin/v1/service/unanswered", support);
    expect(unanswered.body.items[0]).toMatchObject({ question: "能用花呗吗", count: 2 });

    const written = await client.post(
      "/api/admin/v1/service/faq",
      { question: "能用花呗吗", answer: "暂不支持花呗，可用微信支付。", keywords: ["花呗"] },
      owner,
    );
    expect(written.status).toBe(201);
    const after = await client.get("/api/admin/v1/service/unanswered", support);
    expect(after.body.items.map((q: { question: string }) => q.question)).not.toContain("能用花呗吗");
    const audit = await client.get("/api/admin/v1/audit-log?entity=faq", owner);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain("faq.create");
  });

  test("support may read the FAQ but not change what the shop says; bad entries are refused", async () => {
    const refused = await client.post("/api/admin/v1/service/faq", { question: "x", answer: "y" }, support);
    expect(refused.status).toBe(403);
    const empty = await client.post("/api/admin/v1/service/faq", { question: "", answer: "y" }, owner);
    expect(empty.status).toBe(422);
    const off = await client.patch(
      `/api/admin/v1/service/faq/${shipping.body.id}`,
      { enabled: false },
      owner,
    );
    expect(off.body.enabled).toBe(false);
    const shopper = await client.registerShopper();
    const id = (await client.post(base, {}, shopper.token)).body.conversation.id;
    const asked = await client.post(`${base}/${id}/messages`, { text: "什么时候发货" }, shopper.token);
    expect(asked.body.messages).toHaveLength(1);
    expect((await client.delete(`/api/admin/v1/service/faq/999999`, owner)).status).toBe(404);
  });
});
