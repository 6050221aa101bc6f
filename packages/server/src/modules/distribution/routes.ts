// The distribution settings section (plan, binding, eligibility, withdrawal rules, rewards, fraud): read
// and save, the domain deciding what a valid plan is.
import type { AppDeps } from "../../deps.ts";
import { staffActor } from "../../http/authenticate.ts";
import type { App } from "../../http/types.ts";
import { listGrades } from "../grades/service.ts";
import { SettingsSaved } from "./schemas.ts";
import { getDistributionSettings, updateDistributionSettings } from "./settings.ts";
import { DistributionSettings, DistributionSettingsPatch } from "./settings-schema.ts";

export function registerDistributionSettingsRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: distribution"];
  const path = "/api/admin/v1/distribution/settings";

  app.get(
    path,
    {
      config: { permission: "distribution.read" },
      schema: { tags, response: { 200: DistributionSettings } },
    },
    async () => getDistributionSettings(deps.db),
  );
  app.put(
    path,
    {
      config: { permission: "distribution.configure" },
      schema: { tags, body: DistributionSettingsPatch, response: { 200: SettingsSaved } },
    },
    async (request) => {
      const grades = (await listGrades(deps.db))
        .filter((g) => g.ratesBps)
        .map((g) => ({ gradeId: g.name, ratesBps: g.ratesBps! }));
      const actor = { ...staffActor(request), role: request.staff!.role };
      return updateDistributionSettings(deps.db, actor, request.body, grades);
    },
  );
}
