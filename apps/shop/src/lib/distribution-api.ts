// Calls of the distribution centre, typed with the rows the screens read (see distribution-types.ts).
import { api, call } from "./api.ts";
import type {
  Commission,
  MyDistribution,
  MyGrade,
  PromotedOrder,
  Referrer,
  Team,
  Withdrawal,
} from "./distribution-types.ts";

type Page<T> = { items: T[]; nextCursor: number | null };
const pageQuery = (cursor?: number) => ({ params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } });

export const distributionApi = {
  me: async () => (await call(api.GET("/api/v1/distribution/me"))) as unknown as MyDistribution,
  join: () => call(api.POST("/api/v1/distribution/join")),
  apply: (body: { realName: string; phone: string; note: string }) =>
    call(api.POST("/api/v1/distribution/applications", { body })),
  wallet: () => call(api.GET("/api/v1/distribution/wallet")),
  referrer: async () =>
    ((await call(api.GET("/api/v1/distribution/referrer"))) as { referrer: Referrer }).referrer,
  grade: async () => (await call(api.GET("/api/v1/distribution/grade"))) as unknown as MyGrade,
  team: async (level: number) =>
    (await call(api.GET("/api/v1/distribution/team", { params: { query: { level } } }))) as unknown as Team,
  commissions: async (cursor?: number) =>
    (await call(
      api.GET("/api/v1/distribution/commissions", pageQuery(cursor)),
    )) as unknown as Page<Commission>,
  orders: async (cursor?: number) =>
    (await call(api.GET("/api/v1/distribution/orders", pageQuery(cursor)))) as unknown as Page<PromotedOrder>,
  withdrawals: async (cursor?: number) =>
    (await call(
      api.GET("/api/v1/distribution/withdrawals", pageQuery(cursor)),
    )) as unknown as Page<Withdrawal>,
};
