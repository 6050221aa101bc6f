// HTTP contract of distributors: joining and applying (shop), the review queue, the list, one
// distributor's page and status changes (staff).
import { z } from "zod";
import { pageOf } from "../../http/page.ts";
import { EligibilitySettings } from "../distribution/settings-schema.ts";

export const ApplicationBody = z.strictObject({
  realName: z.string().trim().min(1).max(40),
  phone: z.string().trim().min(5).max(20),
  note: z.string().max(500).default(""),
});
export const ReviewBody = z.strictObject({ approve: z.boolean(), reason: z.string().max(200).optional() });
export const StatusActionBody = z.strictObject({
  action: z.enum(["freeze", "unfreeze", "remove"]),
  reason: z.string().trim().min(1).max(200),
});

const ApplicationStatus = z.enum(["pending", "approved", "rejected"]);

/** A distributor application (table `distributor_applications`), as the applicant filled it in. */
export const Application = z.strictObject({
  id: z.number(),
  userId: z.number(),
  status: ApplicationStatus,
  realName: z.string(),
  phone: z.string(),
  note: z.string(),
  rejectReason: z.string().nullable(),
  reviewedBy: z.number().nullable(),
  createdAt: z.date(),
  reviewedAt: z.date().nullable(),
});

/** A pending distributor application with the applicant's account. */
export const ApplicationRecords = pageOf(
  z.strictObject({ ...Application.shape, nickname: z.string(), accountPhone: z.string().nullable() }),
);

/** A distributor (table `distributors`): the right to earn, the invite code and the grade. */
export const Distributor = z.strictObject({
  userId: z.number(),
  status: z.enum(["active", "frozen", "removed"]),
  inviteCode: z.string(),
  gradeId: z.number().nullable(),
  /** How the right was granted (eligibility mode, application, appointed). */
  grantedVia: z.string(),
  joinedAt: z.date(),
  updatedAt: z.date(),
});

/** The staff list: who each distributor is (phone masked) and how many shoppers they bound directly. */
export const DistributorRecords = pageOf(
  Distributor.extend({ nickname: z.string(), phone: z.string().nullable(), directCount: z.number() }),
);

/** The shopper's own standing: distributor or not, their latest application, and how one becomes one. */
export const MyDistribution = z.strictObject({
  distributor: Distributor.nullable(),
  application: Application.nullable(),
  eligibility: EligibilitySettings,
  /** Whether the shop runs distribution at all. */
  enabled: z.boolean(),
  inviteCode: z.string().nullable(),
  inviteLink: z.string().nullable(),
});

const TeamLevel = z.strictObject({ level: z.number(), members: z.number(), salesFen: z.number() });
const TeamMember = z.strictObject({
  userId: z.number(),
  nickname: z.string(),
  boundAt: z.date(),
  level: z.number(),
});

/** One distributor as staff see it (detail.ts). */
export const DistributorDetail = z.strictObject({
  distributor: Distributor,
  profile: z
    .strictObject({ userId: z.number(), nickname: z.string(), phone: z.string().nullable() })
    .nullable(),
  wallet: z.strictObject({ frozenFen: z.number(), availableFen: z.number(), withdrawingFen: z.number() }),
  /** User ids, nearest first. */
  upline: z.array(z.number()),
  uplineProfiles: z.array(z.strictObject({ userId: z.number(), nickname: z.string().nullable() })),
  team: z.array(TeamLevel),
  /** Levels that have members, up to 50 each, newest binding first. */
  downline: z.array(z.strictObject({ level: z.number(), members: z.array(TeamMember) })),
  history: z.array(
    z.strictObject({
      id: z.number(),
      userId: z.number(),
      action: z.string(),
      fromValue: z.string().nullable(),
      toValue: z.string().nullable(),
      reason: z.string().nullable(),
      staffId: z.number().nullable(),
      at: z.date(),
    }),
  ),
  /** The latest entries of their commission and withdrawal accounts, each with what it is about. */
  ledger: z.array(
    z.strictObject({
      account: z.string(),
      entryId: z.number(),
      transactionId: z.number(),
      key: z.string(),
      kind: z.string(),
      amountFen: z.number(),
      createdAt: z.date(),
      orderId: z.number().nullable(),
      orderNo: z.string().nullable(),
      level: z.number().nullable(),
      withdrawalId: z.number().nullable(),
    }),
  ),
});
