// Grade routes: the distributor's grade and progress (shop); the grade list and editor (staff).
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { IdParams } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { findDistributor } from "../distributors/repo.ts";
import { Grade, GradeBody, GradeList, MyGradeResponse, Ok } from "./schemas.ts";
import { getMyGrade, listGrades, removeGrade, saveGrade } from "./service.ts";

export function registerGradeRoutes(app: App, deps: AppDeps): void {
  const base = "/api/admin/v1/distribution";
  const tags = ["admin: distribution"];
  const configure = { permission: "distribution.configure" } as const;

  app.get(
    "/api/v1/distribution/grade",
    {
      config: { auth: "user" },
      schema: { tags: ["shopper: distribution"], response: { 200: MyGradeResponse } },
    },
    async (request) => {
      const userId = currentUserId(request);
      const distributor = await findDistributor(deps.db, userId);
      return getMyGrade(deps.db, userId, distributor?.gradeId ?? null);
    },
  );

  app.get(
    `${base}/grades`,
    { config: { permission: "distribution.read" }, schema: { tags, response: { 200: GradeList } } },
    async () => ({ items: await listGrades(deps.db), nextCursor: null }),
  );
  app.post(
    `${base}/grades`,
    { config: configure, schema: { tags, body: GradeBody, response: { 201: Grade } } },
    async (request, reply) =>
      reply.status(201).send(await saveGrade(deps, staffActor(request), null, request.body)),
  );
  app.put(
    `${base}/grades/:id`,
    { config: configure, schema: { tags, params: IdParams, body: GradeBody, response: { 200: Grade } } },
    async (request) => saveGrade(deps, staffActor(request), request.params.id, request.body),
  );
  app.delete(
    `${base}/grades/:id`,
    { config: configure, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (request) => {
      await removeGrade(deps, staffActor(request), request.params.id);
      return { ok: true as const };
    },
  );
}
