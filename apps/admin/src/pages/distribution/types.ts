// The distribution admin's rows. The server sends them as loose records (table rows as JSON), so their shape
// is written here once, from packages/server/src/db/schema/distribution.ts and the distribution admin routes.
import type { paths } from "@liebian/sdk";
import { api, call } from "../../lib/api.ts";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;

export type Three = [number, number, number];
export type DistributorStatus = "active" | "frozen" | "removed";
export type Distributor = {
  userId: number;
  status: DistributorStatus;
  inviteCode: string;
  gradeId: number | null;
  grantedVia: string;
  joinedAt: string;
  nickname?: string;
  phone?: string | null;
  directCount?: number;
};
/** A strict route: the type comes from the SDK. */
export type Application = Json<
  paths["/api/admin/v1/distribution/applications"]["get"]["responses"][200]
>["items"][number];
/** A strict route: the type comes from the SDK. */
export type Commission = Json<
  paths["/api/admin/v1/distribution/commissions"]["get"]["responses"][200]
>["items"][number];
export const withdrawalStatuses = ["requested", "approved", "paying", "paid", "failed", "rejected"] as const;
export type WithdrawalStatus = (typeof withdrawalStatuses)[number];
export type Withdrawal = {
  id: number;
  userId: number;
  nickname: string | null;
  method: string;
  amountFen: number;
  feeFen: number;
  netFen: number;
  status: WithdrawalStatus;
  realNameMasked: string;
  accountMasked: string;
  outBillNo: string;
  rejectReason: string | null;
  failureReason: string | null;
  attempts: number;
  requestedAt: string;
  reviewedAt: string | null;
  paidAt: string | null;
};
export type BindingChange = {
  id: number;
  userId: number;
  uplineUserId: number;
  previousUplineUserId: number | null;
  source: string;
  productId: number | null;
  scene: string | null;
  reason: string | null;
  staffId: number | null;
  at: string;
  userNickname: string | null;
  uplineNickname: string | null;
  previousUplineNickname: string | null;
  staffName: string | null;
};
export type GradeTasks = {
  invitesWhoBought?: number;
  ownSpendFen?: number;
  ownOrderCount?: number;
  downlineSpendFen?: number;
  downlineOrderCount?: number;
  settledCommissionFen?: number;
  boughtProductIds?: string[];
};
export type Grade = { id: number; rank: number; name: string; tasks: GradeTasks; ratesBps: Three | null };
export type StatementEntry = {
  account: string;
  entryId: number;
  transactionId: number;
  key: string;
  kind: string;
  amountFen: number;
  createdAt: string;
  /** What the line is about, read by the server from its key: an order (and level) or a withdrawal. */
  orderId: number | null;
  orderNo: string | null;
  level: number | null;
  withdrawalId: number | null;
};
export type DistributorDetail = {
  distributor: Distributor;
  wallet: { frozenFen: number; availableFen: number; withdrawingFen: number };
  profile: { userId: number; nickname: string | null; phone: string | null } | null;
  upline: number[];
  uplineProfiles: { userId: number; nickname: string | null }[];
  team: { level: number; members: number; salesFen: number }[];
  /** Levels that have members, up to 50 each, newest binding first. */
  downline: { level: number; members: { userId: number; nickname: string; boundAt: string }[] }[];
  history: {
    id: number;
    action: string;
    fromValue: string | null;
    toValue: string | null;
    reason: string | null;
    at: string;
  }[];
  ledger: StatementEntry[];
};

type Page<T> = { items: T[]; nextCursor: number | null };

/** Reads a distribution list route and gives its rows their shape. */
export async function rowsOf<T>(
  request: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<Page<T>> {
  return (await call(request)) as Page<T>;
}

export function loadDistributionSettings() {
  return call(api.GET("/api/admin/v1/distribution/settings"));
}
export type DistributionSettings = Awaited<ReturnType<typeof loadDistributionSettings>>;
