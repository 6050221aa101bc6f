// Shoppers, staff and their sessions. Passwords are scrypt hashes; session tokens are stored as sha256.
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const users = pgTable(
  "users",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    phone: text("phone"),
    passwordHash: text("password_hash"),
    nickname: text("nickname").notNull(),
    avatarUrl: text("avatar_url"),
    wechatOpenid: text("wechat_openid"),
    wechatUnionid: text("wechat_unionid"),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // login by phone
    uniqueIndex("users_phone_key").on(t.phone),
    // WeChat login finds the account by openid
    uniqueIndex("users_wechat_openid_key").on(t.wechatOpenid),
  ],
);

export const staffRoles = ["owner", "operator", "finance", "support"] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staff = pgTable(
  "staff",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    username: text("username").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: staffRoles }).notNull(),
    passwordHash: text("password_hash").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("staff_username_key").on(t.username),
    check("staff_role_check", sql`${t.role} in ('owner', 'operator', 'finance', 'support')`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text("token_hash").notNull(),
    subjectKind: text("subject_kind", { enum: ["user", "staff"] }).notNull(),
    subjectId: bigint("subject_id", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    // every authenticated request looks its token up
    uniqueIndex("sessions_token_hash_key").on(t.tokenHash),
    // revoking all sessions of a subject (password change, staff disabled)
    index("sessions_subject_idx").on(t.subjectKind, t.subjectId),
    check("sessions_subject_kind_check", sql`${t.subjectKind} in ('user', 'staff')`),
  ],
);
