import { describe, expect, test } from "vitest";
import { evaluateGrade, type Grade, type GradeStats } from "./grades.ts";

const grades: Grade[] = [
  { id: "gold", rank: 2, name: "金牌", tasks: { invitesWhoBought: 10, downlineSpendFen: 100000 } },
  { id: "silver", rank: 1, name: "银牌", tasks: { invitesWhoBought: 3 } },
  { id: "vip", rank: 3, name: "VIP", tasks: { invitesWhoBought: 10, boughtProductIds: ["pack"] } },
];
const stats = (more: Partial<GradeStats> = {}): GradeStats => ({
  invitesWhoBought: 0,
  ownSpendFen: 0,
  ownOrderCount: 0,
  downlineSpendFen: 0,
  downlineOrderCount: 0,
  settledCommissionFen: 0,
  boughtProductIds: [],
  ...more,
});

describe("evaluateGrade", () => {
  test.each([
    {
      label: "new distributor",
      s: stats(),
      current: null,
      down: false,
      grade: null,
      change: "same",
      next: "silver",
    },
    {
      label: "3 invites who bought → silver",
      s: stats({ invitesWhoBought: 3 }),
      current: null,
      down: false,
      grade: "silver",
      change: "up",
      next: "gold",
    },
    {
      label: "10 invites but not the downline spend → silver",
      s: stats({ invitesWhoBought: 10, downlineSpendFen: 99999 }),
      current: "silver",
      down: false,
      grade: "silver",
      change: "same",
      next: "gold",
    },
    {
      label: "all gold tasks → gold",
      s: stats({ invitesWhoBought: 10, downlineSpendFen: 100000 }),
      current: "silver",
      down: false,
      grade: "gold",
      change: "up",
      next: "vip",
    },
    {
      label: "vip tasks met but not gold's: the highest met wins",
      s: stats({ invitesWhoBought: 10, boughtProductIds: ["pack"] }),
      current: null,
      down: false,
      grade: "vip",
      change: "up",
      next: null,
    },
    {
      label: "stats fell, no downgrade → stays gold",
      s: stats({ invitesWhoBought: 4 }),
      current: "gold",
      down: false,
      grade: "gold",
      change: "same",
      next: "vip",
    },
    {
      label: "stats fell, downgrade allowed → silver",
      s: stats({ invitesWhoBought: 4 }),
      current: "gold",
      down: true,
      grade: "silver",
      change: "down",
      next: "gold",
    },
    {
      label: "deleted current grade counts as none",
      s: stats({ invitesWhoBought: 3 }),
      current: "bronze",
      down: false,
      grade: "silver",
      change: "up",
      next: "gold",
    },
  ])("$label", ({ s, current, down, grade, change, next }) => {
    const result = evaluateGrade(grades, s, current, down);
    expect(result.gradeId).toBe(grade);
    expect(result.change).toBe(change);
    expect(result.next?.gradeId ?? null).toBe(next);
  });

  test("progress lists each task of the next grade", () => {
    const result = evaluateGrade(
      grades,
      stats({ invitesWhoBought: 5, downlineSpendFen: 20000 }),
      null,
      false,
    );
    expect(result.next).toEqual({
      gradeId: "gold",
      progress: [
        { task: "invitesWhoBought", current: 5, target: 10, met: false },
        { task: "downlineSpendFen", current: 20000, target: 100000, met: false },
      ],
    });
  });

  test("duplicate ranks are a broken configuration", () => {
    const bad = [...grades, { id: "twin", rank: 1, name: "twin", tasks: {} }];
    expect(() => evaluateGrade(bad, stats(), null, false)).toThrow();
  });
});
