// Read models of binding for the distribution centre: who referred the shopper, and their team.
import type { Db } from "../../db/client.ts";
import { findUserById } from "../accounts/repo.ts";
import { findDistributor } from "../distributors/repo.ts";
import { findBinding, findTeamMembers, findTeamSummary } from "./repo.ts";

/** The shopper's current upline by name and invite code, or null when nobody referred them. */
export async function findMyReferrer(db: Db, userId: number) {
  const binding = await findBinding(db, userId);
  if (!binding) return null;
  const upline = await findDistributor(db, binding.uplineUserId);
  const person = await findUserById(db, binding.uplineUserId);
  return {
    userId: binding.uplineUserId,
    nickname: person?.nickname ?? null,
    inviteCode: upline?.inviteCode ?? null,
    boundAt: binding.boundAt,
    source: binding.source,
  };
}

/** How many members each level has, and the newest members of one level. */
export async function findMyTeam(db: Db, userId: number, level: number) {
  return {
    levels: await findTeamSummary(db, userId),
    // raw SQL reads timestamps as text
    members: (await findTeamMembers(db, userId, level, 100)).map((m) => ({
      ...m,
      boundAt: new Date(m.boundAt),
    })),
  };
}
