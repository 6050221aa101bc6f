// The distribution admin's rows, read off the generated SDK so they follow the server's response schemas.
import type { ResponseOf } from "@liebian/sdk";
import { api, call } from "../../lib/api.ts";

type Admin = "/api/admin/v1/distribution";

export type Distributor = ResponseOf<`${Admin}/distributors`, "get">["items"][number];
export type DistributorStatus = Distributor["status"];
export type DistributorDetail = ResponseOf<`${Admin}/distributors/{id}`, "get">;
export type StatementEntry = DistributorDetail["ledger"][number];
export type Application = ResponseOf<`${Admin}/applications`, "get">["items"][number];
export type Commission = ResponseOf<`${Admin}/commissions`, "get">["items"][number];
export type Simulation = ResponseOf<`${Admin}/simulate`, "post">;
export type Withdrawal = ResponseOf<`${Admin}/withdrawals`, "get">["items"][number];
export type WithdrawalStatus = Withdrawal["status"];
export const withdrawalStatuses = [
  "requested",
  "approved",
  "paying",
  "paid",
  "failed",
  "rejected",
] as const satisfies readonly WithdrawalStatus[];
export type BindingChange = ResponseOf<`${Admin}/bindings`, "get">["items"][number];
export type Grade = ResponseOf<`${Admin}/grades`, "get">["items"][number];
export type GradeTasks = Grade["tasks"];
export type Three = NonNullable<Grade["ratesBps"]>;

export function loadDistributionSettings() {
  return call(api.GET("/api/admin/v1/distribution/settings"));
}
export type DistributionSettings = Awaited<ReturnType<typeof loadDistributionSettings>>;
