// Calls of the distribution centre's dividends page: my dividend grade and dividends by period, the
// leaderboards with my rank, and the current contests with their standings.
import { api, call } from "./api.ts";

export type LeaderboardMetric = "sales" | "commission" | "invites";
export type LeaderboardPeriod = "today" | "week" | "month";

export const dividendsApi = {
  mine: () => call(api.GET("/api/v1/distribution/dividends")),
  leaderboard: (metric: LeaderboardMetric, period: LeaderboardPeriod) =>
    call(api.GET("/api/v1/distribution/leaderboards", { params: { query: { metric, period } } })),
  contests: () => call(api.GET("/api/v1/distribution/contests")),
  contest: (id: number) => call(api.GET("/api/v1/distribution/contests/{id}", { params: { path: { id } } })),
};
