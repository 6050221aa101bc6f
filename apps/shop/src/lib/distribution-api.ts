// Calls of the distribution centre; their types come from the SDK (see distribution-types.ts).
import { api, call } from "./api.ts";

const pageQuery = (cursor?: number) => ({ params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } });

export const distributionApi = {
  me: () => call(api.GET("/api/v1/distribution/me")),
  join: () => call(api.POST("/api/v1/distribution/join")),
  apply: (body: { realName: string; phone: string; note: string }) =>
    call(api.POST("/api/v1/distribution/applications", { body })),
  wallet: () => call(api.GET("/api/v1/distribution/wallet")),
  referrer: async () => (await call(api.GET("/api/v1/distribution/referrer"))).referrer,
  grade: () => call(api.GET("/api/v1/distribution/grade")),
  team: (level: number) => call(api.GET("/api/v1/distribution/team", { params: { query: { level } } })),
  commissions: (cursor?: number) => call(api.GET("/api/v1/distribution/commissions", pageQuery(cursor))),
  orders: (cursor?: number) => call(api.GET("/api/v1/distribution/orders", pageQuery(cursor))),
  withdrawals: (cursor?: number) => call(api.GET("/api/v1/distribution/withdrawals", pageQuery(cursor))),
};
