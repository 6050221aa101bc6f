// The merchant's dividend settings: pools (static per grade or weighted, or dynamic per producer level),
// caps and what happens to what they hold back, and team dividends (shipped off, depth ≤ 3). Every save is
// checked by the domain's rules; a refusal changes nothing.
import {
  defaultTeamDividendRules,
  validateDividendCaps,
  validatePoolSettings,
  validateTeamDividendRules,
  validateVolumeBonusRule,
} from "@liebian/domain";
import type { Db, Executor } from "../../db/client.ts";
import type { StaffRole } from "../../db/schema/accounts.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError } from "../../errors/app-error.ts";
import { mayMoveMoney, moneyPermission } from "../../http/money-actions.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { checkPrizeTargets } from "./prizes.ts";
import { findDividendGrades, findSettingsRow, upsertSettingsRow } from "./repo.ts";
import { DividendSettings } from "./schemas.ts";

export const defaultDividendSettings: DividendSettings = {
  pool: { mode: "off", allocation: "per_grade", weightedPoolBps: 0, levels: [], capOverflow: "redistribute" },
  caps: { dayFen: null, monthFen: null, quarterFen: null, yearFen: null },
  team: { ...defaultTeamDividendRules, tiers: [] },
  bonuses: [],
  clawbackAfterRefund: false,
};

/** Shown in the admin whenever team dividends are on (DESIGN: guard-rails that are defaults). */
export const TEAM_DIVIDEND_NOTICE =
  "团队分红按下级业绩计酬，可能构成《禁止传销条例》所指的团队计酬：层级已限制为 3 级以内，请在开启前咨询律师。" +
  " Team dividends pay on a downline's sales (团队计酬), which Chinese law restricts: depth is capped at 3; check with counsel before switching them on.";

export async function getDividendSettings(db: Executor): Promise<DividendSettings> {
  const row = await findSettingsRow(db);
  if (!row) return defaultDividendSettings;
  const parsed = DividendSettings.safeParse(row.config);
  return parsed.success ? parsed.data : defaultDividendSettings;
}

export function settingsView(settings: DividendSettings) {
  return { ...settings, teamNotice: settings.team.enabled ? TEAM_DIVIDEND_NOTICE : null };
}

export async function saveDividendSettings(
  deps: { db: Db; now: () => Date },
  actor: StaffActor & { role: StaffRole },
  input: DividendSettings,
) {
  const caps = validateDividendCaps(input.caps);
  if (caps.kind === "refuse")
    throw new AppError("CAP_NEGATIVE", `A cap cannot be negative (${caps.field})`, { field: caps.field });
  const team = validateTeamDividendRules(input.team);
  if (team.kind === "refuse")
    throw new AppError(
      team.reason,
      team.reason === "TEAM_DEPTH_OUT_OF_RANGE"
        ? "Team depth is 1 to 3 levels"
        : "Team tiers must rise in threshold and rate",
    );
  const badBonus = input.bonuses.findIndex((rule) => validateVolumeBonusRule(rule).kind === "refuse");
  if (badBonus >= 0)
    throw new AppError("TIERS_INVALID", "A bonus rule's tiers must rise and its amounts be whole fen ≥ 0", {
      index: badBonus,
    });
  await checkPrizeTargets(
    deps.db,
    input.bonuses.flatMap((rule) => (rule.kind === "in_kind" ? [{ ...rule, item: rule.prizeLabel }] : [])),
  );
  return inTransaction(deps.db, async (tx) => {
    const grades = await findDividendGrades(tx);
    const pool = validatePoolSettings({
      ...input.pool,
      grades: grades.map((g) => ({ gradeId: g.id, rateBps: g.rateBps })),
    });
    if (pool.kind === "refuse")
      throw new AppError(
        pool.reason === "SHARES_OVER_TURNOVER" ? "SHARES_OVER_TURNOVER" : "VALIDATION_FAILED",
        pool.reason === "SHARES_OVER_TURNOVER"
          ? `Shares sum to ${pool.totalBps} bps, over 100% of turnover`
          : `Rate out of range: ${pool.field}`,
        pool.reason === "SHARES_OVER_TURNOVER" ? { totalBps: pool.totalBps } : { field: pool.field },
      );
    const before = await getDividendSettings(tx);
    // the clawback switch decides whether money is taken back from distributors: a money action
    if (
      before.clawbackAfterRefund !== input.clawbackAfterRefund &&
      !mayMoveMoney(actor.role, "dividend.clawback_after_refund")
    ) {
      const permission = moneyPermission("dividend.clawback_after_refund");
      throw new AppError("FORBIDDEN", `Switching clawback after refund needs ${permission}`, { permission });
    }
    await upsertSettingsRow(tx, input, deps.now());
    await recordAudit(tx, actor, {
      action: "dividends.settings",
      entity: "dividend_settings",
      entityId: 1,
      before,
      after: input,
    });
    return settingsView(input);
  });
}
