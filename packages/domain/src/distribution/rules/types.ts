// Shared shapes of the configurable commission rule kinds (rates, fixed, off).

import { type Bps, bps, type Fen, fen } from "../../money.ts";

/** A level of the upline chain: 1 = direct referrer (or the buyer on self-purchase). */
export type CommissionLevel = 1 | 2 | 3;

/** One value per level, level 1 first. Levels beyond the plan's `levels` are ignored. */
export type LevelValues<T> = readonly [T, T, T];

/** Three parsed rates as basis points (throws on a non-integer: the schemas let none through). */
export const levelBps = (values: readonly [number, number, number]): LevelValues<Bps> => [
  bps(values[0]),
  bps(values[1]),
  bps(values[2]),
];

/** Three parsed amounts as fen (throws on a non-integer: the schemas let none through). */
export const levelFen = (values: readonly [number, number, number]): LevelValues<Fen> => [
  fen(values[0]),
  fen(values[1]),
  fen(values[2]),
];

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
