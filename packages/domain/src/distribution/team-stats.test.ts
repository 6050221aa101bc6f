import { describe, expect, test } from "vitest";
import { computeTeamStatsDeltas } from "./team-stats.ts";

const only = (members: number, salesFen: number) => [{ members, salesFen }];

describe("computeTeamStatsDeltas", () => {
  test.each([
    {
      label: "a new member under A (A under B under C): A L1, B L2, C L3 each +1",
      weight: only(1, 0),
      from: [],
      to: [10, 20, 30],
      expected: [
        { userId: 10, level: 1, members: 1, salesFen: 0 },
        { userId: 20, level: 2, members: 1, salesFen: 0 },
        { userId: 30, level: 3, members: 1, salesFen: 0 },
      ],
    },
    {
      label: "a ¥100 order paid by a member of A's team (A's upline B): sales only",
      weight: only(0, 10000),
      from: [],
      to: [10, 20],
      expected: [
        { userId: 10, level: 1, members: 0, salesFen: 10000 },
        { userId: 20, level: 2, members: 0, salesFen: 10000 },
      ],
    },
    {
      label: "a ¥30 refund takes the sales back from the same uplines",
      weight: only(0, 3000),
      from: [10, 20],
      to: [],
      expected: [
        { userId: 10, level: 1, members: 0, salesFen: -3000 },
        { userId: 20, level: 2, members: 0, salesFen: -3000 },
      ],
    },
    {
      label: "moving a member with 2 direct (¥50) and 3 second-level members from A to D (D under A)",
      weight: [
        { members: 1, salesFen: 1000 },
        { members: 2, salesFen: 5000 },
        { members: 3, salesFen: 0 },
      ],
      from: [10, 20],
      to: [40, 10, 20],
      expected: [
        // A: was the member's level 1 (and theirs on 2, 3); now level 2 (theirs on 3)
        { userId: 10, level: 1, members: -1, salesFen: -1000 },
        { userId: 10, level: 2, members: -1, salesFen: -4000 },
        { userId: 10, level: 3, members: -1, salesFen: 5000 },
        // B: was level 2 (theirs on 3); now level 3 only
        { userId: 20, level: 2, members: -1, salesFen: -1000 },
        { userId: 20, level: 3, members: -1, salesFen: -4000 },
        { userId: 40, level: 1, members: 1, salesFen: 1000 },
        { userId: 40, level: 2, members: 2, salesFen: 5000 },
        { userId: 40, level: 3, members: 3, salesFen: 0 },
      ],
    },
    {
      label: "a rebind to the same upline changes nothing",
      weight: only(1, 700),
      from: [10, 20, 30],
      to: [10, 20, 30],
      expected: [],
    },
  ])("$label", ({ weight, from, to, expected }) => {
    expect(computeTeamStatsDeltas(weight, from, to)).toEqual(expected);
  });
});
