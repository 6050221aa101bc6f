// The distribution centre's rows. The server declares most of these routes as plain records (the fields of
// the table each route names), so the fields the screens read are spelled out here, next to their tables.
import type { paths } from "@liebian/sdk";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;

export type Wallet = Json<paths["/api/v1/distribution/wallet"]["get"]["responses"][200]>;
export type WithdrawPreview = Json<
  paths["/api/v1/distribution/withdrawals/preview"]["get"]["responses"][200]
>;
export type WithdrawMethod = NonNullable<
  paths["/api/v1/distribution/withdrawals/preview"]["get"]["parameters"]["query"]
>["method"];

/** distributors */
export type Distributor = {
  userId: number;
  status: "active" | "frozen" | "removed";
  inviteCode: string;
  gradeId: number | null;
  joinedAt: string;
};
/** distributor_applications */
export type Application = {
  id: number;
  status: "pending" | "approved" | "rejected";
  rejectReason: string | null;
  createdAt: string;
};
export type Eligibility =
  | { kind: "everyone" | "after_first_paid_order" | "application" | "appointed_only" }
  | { kind: "spend_at_least"; thresholdFen: number }
  | { kind: "bought_product"; productIds: string[] };

/** GET /distribution/me */
export type MyDistribution = {
  distributor: Distributor | null;
  application: Application | null;
  eligibility: Eligibility;
  enabled: boolean;
  inviteCode: string | null;
  inviteLink: string | null;
};

/** commissions (a strict route: the type comes from the SDK) */
export type Commission = Json<
  paths["/api/v1/distribution/commissions"]["get"]["responses"][200]
>["items"][number];

/** promoted orders (buyer masked by the server) */
export type PromotedOrder = {
  orderId: number;
  orderNo: string;
  status: string;
  buyerNickname: string;
  paidFen: number;
  commissionFen: number;
  placedAt: string;
};

export type TeamLevel = { level: number; members: number; salesFen: number };
export type TeamMember = { userId: number; nickname: string; boundAt: string; level: number };
export type Team = { levels: TeamLevel[]; members: TeamMember[] };

export type Referrer = {
  userId: number;
  nickname: string | null;
  inviteCode: string | null;
  boundAt: string;
  source: string;
} | null;

export type GradeTask = { task: string; current: number; target: number; met: boolean };
type Rates = [number, number, number] | null;
export type InviteeOrder = {
  orderNo: string;
  nickname: string;
  status: string;
  payableFen: number;
  placedAt: string;
  counts: boolean;
};
export type MyGrade = {
  grade: { id: number; name: string; rank: number; ratesBps: Rates } | null;
  next: { id: number; name: string; progress: GradeTask[]; ratesBps: Rates } | null;
  inviteeOrders: InviteeOrder[];
};

/** withdrawals, identity masked */
export type Withdrawal = {
  id: number;
  method: WithdrawMethod;
  amountFen: number;
  feeFen: number;
  netFen: number;
  status: "requested" | "approved" | "paying" | "paid" | "failed" | "rejected";
  realNameMasked: string;
  accountMasked: string;
  rejectReason: string | null;
  failureReason: string | null;
  requestedAt: string;
};
