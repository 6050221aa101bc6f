// Shared shapes of the configurable commission rule kinds (rates, fixed, off).

import type { Bps, Fen } from "../../money.ts";

/** A level of the upline chain: 1 = direct referrer (or the buyer on self-purchase). */
export type CommissionLevel = 1 | 2 | 3;

/** One value per level, level 1 first. Levels beyond the plan's `levels` are ignored. */
export type LevelValues<T> = readonly [T, T, T];

/** What a rule knows when it prices one level of one order item. */
export interface CommissionRuleFacts {
  level: CommissionLevel;
  /** The commission base of the whole item line (paid or list, per plan), in fen. */
  baseFen: Fen;
  quantity: number;
}

/** What a rule answers: the uncapped amount and how it was reached. */
export interface CommissionRuleAmount {
  amountFen: Fen;
  rateBps: Bps | null;
  fixedFenPerUnit: Fen | null;
}
