// How a member's weight in a team moves between the counters of their uplines: "my team" counts members
// and sales on the three levels below a distributor, so a member at distance k from an upline puts
// themself on that upline's level k and their own level-j members on level k + j (while k + j ≤ 3).

/** What one member brings to a team: [themself, their level 1, their level 2] (level 3 falls off). */
export type TeamWeight = readonly { members: number; salesFen: number }[];

export type TeamStatsDelta = { userId: number; level: number; members: number; salesFen: number };

const LEVELS = 3;

/**
 * The counter changes when `weight` leaves the uplines `from` and joins `to` (each nearest first, at most
 * three; empty for "none"), merged per (upline, level) with zero changes dropped, in (user, level) order so
 * concurrent writers lock rows alike. Example: a new member under A (A's upline B) → A level 1 +1, B level 2 +1.
 */
export function computeTeamStatsDeltas(
  weight: TeamWeight,
  from: readonly number[],
  to: readonly number[],
): TeamStatsDelta[] {
  const merged = new Map<string, TeamStatsDelta>();
  const add = (uplines: readonly number[], sign: 1 | -1) => {
    uplines.slice(0, LEVELS).forEach((userId, i) => {
      for (let j = 0; i + 1 + j <= LEVELS && j < weight.length; j++) {
        const level = i + 1 + j;
        const key = `${userId}:${level}`;
        const d = merged.get(key) ?? { userId, level, members: 0, salesFen: 0 };
        d.members += sign * weight[j]!.members;
        d.salesFen += sign * weight[j]!.salesFen;
        merged.set(key, d);
      }
    });
  };
  add(from, -1);
  add(to, 1);
  return [...merged.values()]
    .filter((d) => d.members !== 0 || d.salesFen !== 0)
    .sort((a, b) => a.userId - b.userId || a.level - b.level);
}
