// The distribution centre's rows, read off the generated SDK so they follow the server's response schemas.
import type { ResponseOf } from "@liebian/sdk";

type Shop = "/api/v1/distribution";

export type Wallet = ResponseOf<`${Shop}/wallet`, "get">;
export type WithdrawPreview = ResponseOf<`${Shop}/withdrawals/preview`, "get">;
export type WithdrawMethod = NonNullable<
  import("@liebian/sdk").paths[`${Shop}/withdrawals/preview`]["get"]["parameters"]["query"]
>["method"];

/** GET /distribution/me: distributor or not, the latest application, how one becomes one, the invite link. */
export type MyDistribution = ResponseOf<`${Shop}/me`, "get">;
export type Distributor = NonNullable<MyDistribution["distributor"]>;
export type Application = NonNullable<MyDistribution["application"]>;
export type Eligibility = MyDistribution["eligibility"];

export type Commission = ResponseOf<`${Shop}/commissions`, "get">["items"][number];
/** An order a friend paid, buyer masked by the server. */
export type PromotedOrder = ResponseOf<`${Shop}/orders`, "get">["items"][number];

export type Team = ResponseOf<`${Shop}/team`, "get">;
export type TeamLevel = Team["levels"][number];
export type TeamMember = Team["members"][number];
export type Referrer = ResponseOf<`${Shop}/referrer`, "get">["referrer"];

export type MyGrade = ResponseOf<`${Shop}/grade`, "get">;
export type GradeTask = NonNullable<MyGrade["next"]>["progress"][number];
export type InviteeOrder = MyGrade["inviteeOrders"][number];

/** A withdrawal, identity masked. */
export type Withdrawal = ResponseOf<`${Shop}/withdrawals`, "get">["items"][number];
