// The staff simulator (规则模拟): the same result as the engine, with a sentence per line and per
// skipped level saying why, in Chinese and English, so a merchant can check a plan before saving it.

import { type Bps, fen, formatYuan } from "../money.ts";
import {
  type CommissionInput,
  type CommissionLine,
  type CommissionResult,
  type CommissionSkipReason,
  computeCommissions,
  type SkippedLevel,
} from "./commission-engine.ts";

export interface CommissionSimulationNote {
  orderItemRef: string;
  level: number;
  earnerUserId: string | null;
  zh: string;
  en: string;
}

export interface CommissionSimulation extends CommissionResult {
  notes: CommissionSimulationNote[];
}

const SKIP_TEXT: Record<CommissionSkipReason, { zh: string; en: string }> = {
  PLAN_DISABLED: { zh: "分销未开启", en: "distribution is switched off" },
  ACTIVITY_NO_COMMISSION: { zh: "该活动订单不参与分佣", en: "orders of this activity pay no commission" },
  COMMISSION_OFF: { zh: "该商品不参与分佣", en: "this product pays no commission" },
  NO_UPLINE: { zh: "没有该级上级", en: "no upline at this level" },
  NOT_ACTIVE_DISTRIBUTOR: {
    zh: "该上级不是有效分销员，本级不发放（不向上压缩）",
    en: "not an active distributor; the level is not paid and the chain is not compressed",
  },
  ZERO_AMOUNT: { zh: "按规则计算佣金为 0", en: "the rule gives 0" },
  CAPPED_TO_ZERO: { zh: "已达佣金上限，本级为 0", en: "the commission cap is used up; this level gets 0" },
  LEADER_IS_BUYER: { zh: "团长本人下单，不发团长奖励", en: "the group leader bought; no leader bonus" },
};

/**
 * Runs `computeCommissions` and explains every line and skip.
 * Example: the ¥999 course at 15% → note "L1 u_a: ¥999.00 × 15.00% = ¥149.85".
 */
export function simulateCommissions(input: CommissionInput): CommissionSimulation {
  const result = computeCommissions(input);
  const notes: CommissionSimulationNote[] = [
    ...result.lines.map(explainLine),
    ...result.skipped.map(explainSkip),
  ].sort((a, b) =>
    a.orderItemRef === b.orderItemRef ? a.level - b.level : a.orderItemRef < b.orderItemRef ? -1 : 1,
  );
  return { ...result, notes };
}

function formatPercent(rate: Bps): string {
  return `${Math.floor(rate / 100)}.${String(rate % 100).padStart(2, "0")}%`;
}

function label(level: number) {
  return level === 0 ? { zh: "团长", en: "Leader" } : { zh: `${level}级`, en: `L${level}` };
}

function explainLine(line: CommissionLine): CommissionSimulationNote {
  const who = label(line.level);
  const formula =
    line.rateBps !== null
      ? `¥${formatYuan(line.baseFen)} × ${formatPercent(line.rateBps)}`
      : `¥${formatYuan(line.fixedFenPerUnit ?? fen(0))} × ${line.quantity}`;
  const result = `¥${formatYuan(line.uncappedFen)}`;
  const capped =
    line.reason === "CAPPED"
      ? {
          zh: `，受上限截为 ¥${formatYuan(line.amountFen)}`,
          en: `, cut by the cap to ¥${formatYuan(line.amountFen)}`,
        }
      : { zh: "", en: "" };
  const source = {
    product: ["商品规则", "product rule"],
    grade: ["等级比例", "grade rates"],
    plan: ["默认比例", "default rates"],
    leader_bonus: ["团长奖励", "leader bonus"],
  }[line.rateSource];
  return {
    orderItemRef: line.orderItemRef,
    level: line.level,
    earnerUserId: line.earnerUserId,
    zh: `${who.zh} ${line.earnerUserId}：${formula} = ${result}（${source[0]}）${capped.zh}`,
    en: `${who.en} ${line.earnerUserId}: ${formula} = ${result} (${source[1]})${capped.en}`,
  };
}

function explainSkip(skip: SkippedLevel): CommissionSimulationNote {
  const who = label(skip.level);
  const text = SKIP_TEXT[skip.reason];
  const user = skip.earnerUserId ? ` ${skip.earnerUserId}` : "";
  return {
    orderItemRef: skip.orderItemRef,
    level: skip.level,
    earnerUserId: skip.earnerUserId,
    zh: `${who.zh}${user}：${text.zh}`,
    en: `${who.en}${user}: ${text.en}`,
  };
}
