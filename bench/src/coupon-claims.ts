// 100 shoppers claim one coupon template with 10 coupons at the same moment, over HTTP against a real server
// (PostgreSQL when DATABASE_URL is set, else embedded PGlite): exactly 10 must succeed; reports the time for
// all 100 answers to settle. `npm run bench -- coupon-claims` (CLAIMERS=100, COUPONS=10 by default).
import { call, must } from "./lib/http.ts";
import { writeResult } from "./lib/result.ts";
import { OWNER_PASSWORD, startServer } from "./lib/server.ts";

async function shopper(base: string, i: number) {
  const phone = `1360${String(process.pid % 1000).padStart(3, "0")}${String(i).padStart(4, "0")}`;
  const sent = await must(base, "POST", "/api/v1/auth/sms-codes", { phone, purpose: "register" });
  const session = await must(base, "POST", "/api/v1/auth/register", {
    phone,
    password: "shopper-pass-1",
    code: sent.demoCode,
  });
  return session.token as string;
}

export default async function couponClaims(): Promise<void> {
  const claimers = Number(process.env.CLAIMERS ?? 100);
  const coupons = Number(process.env.COUPONS ?? 10);
  const server = await startServer(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {});
  try {
    const base = server.baseUrl;
    const { token: owner } = await must(base, "POST", "/api/admin/v1/auth/login", {
      username: "owner",
      password: OWNER_PASSWORD,
    });
    const template = await must(
      base,
      "POST",
      "/api/admin/v1/coupon-templates",
      {
        name: "抢券",
        kind: "coupon_amount_off",
        args: { offFen: 500 },
        validDays: 3,
        totalQuantity: coupons,
      },
      owner,
    );
    const tokens: string[] = [];
    for (let i = 0; i < claimers; i += 10)
      tokens.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(10, claimers - i) }, (_, k) => shopper(base, i + k)),
        )),
      );
    const start = performance.now();
    const answers = await Promise.all(
      tokens.map((t) => call(base, "POST", `/api/v1/coupons/${template.id}/claim`, {}, t)),
    );
    const settleMs = performance.now() - start;
    const claimed = answers.filter((a) => a.status === 201).length;
    const codes = [...new Set(answers.filter((a) => a.status !== 201).map((a) => a.body?.error?.code))];
    const result = {
      engine: process.env.DATABASE_URL ? "postgres" : "pglite",
      claimers,
      coupons,
      claimed,
      refusedCodes: codes,
      settleMs: Math.round(settleMs),
    };
    console.log(JSON.stringify(result));
    if (claimed !== coupons) throw new Error(`${claimed} claims succeeded for ${coupons} coupons`);
    writeResult("coupon-claims", result);
  } finally {
    await server.stop();
  }
}
