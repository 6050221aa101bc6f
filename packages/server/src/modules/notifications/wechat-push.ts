// Sends new notices as WeChat subscription messages, when the merchant switched them on (mini-program keys
// and templates configured). A short transaction takes the next notices after the cursor and moves it on;
// they are sent after it commits, so no transaction waits on WeChat. Each notice is tried once: no openid or
// no template for its kind is "skipped", a declined subscription "refused", anything else "failed".
import { and, asc, eq, gt, inArray, max } from "drizzle-orm";
import { buildSubscribeMessage } from "../../adapters/wechat-api/subscribe-message.ts";
import { users } from "../../db/schema/accounts.ts";
import { notifications, wechatPushCursor, wechatPushes } from "../../db/schema/notifications.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";

type PushDeps = Pick<AppDeps, "db" | "now" | "config" | "wechatMessages">;

/** Takes the notices after the cursor (one process at a time); the first run ever starts from now. */
async function takeNewNotices(deps: PushDeps, now: Date, limit: number) {
  return inTransaction(deps.db, async (tx) => {
    const [cursor] = await tx
      .select()
      .from(wechatPushCursor)
      .where(eq(wechatPushCursor.id, 1))
      .for("update", { skipLocked: true });
    if (!cursor) {
      const [newest] = await tx.select({ id: max(notifications.id) }).from(notifications);
      await tx
        .insert(wechatPushCursor)
        .values({ id: 1, lastNotificationId: Number(newest?.id ?? 0) })
        .onConflictDoNothing();
      return [];
    }
    const rows = await tx
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
        link: notifications.link,
        createdAt: notifications.createdAt,
        openid: users.wechatOpenid,
      })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(gt(notifications.id, cursor.lastNotificationId))
      .orderBy(asc(notifications.id))
      .limit(limit);
    if (rows.length === 0) return [];
    await tx
      .update(wechatPushCursor)
      .set({ lastNotificationId: rows.at(-1)!.id })
      .where(eq(wechatPushCursor.id, 1));
    await tx
      .insert(wechatPushes)
      .values(rows.map((r) => ({ notificationId: r.id, status: "sending", at: now })))
      .onConflictDoNothing();
    return rows;
  });
}

export async function pushNoticesToWechat(deps: PushDeps, now: Date, limit = 50): Promise<number> {
  const sender = deps.wechatMessages;
  if (!sender) return 0;
  const notices = await takeNewNotices(deps, now, limit);
  const skipped: number[] = [];
  for (const notice of notices) {
    const template = deps.config.wechatSubscribeTemplates[notice.kind];
    if (!template || !notice.openid) {
      skipped.push(notice.id);
      continue;
    }
    const result = await sender.send(buildSubscribeMessage(notice, template, notice.openid));
    await deps.db
      .update(wechatPushes)
      .set({
        status: result.kind,
        errcode: result.kind === "sent" ? null : result.errcode,
        detail: result.kind === "sent" ? null : result.detail,
        at: deps.now(),
      })
      .where(eq(wechatPushes.notificationId, notice.id));
  }
  if (skipped.length > 0) {
    await deps.db
      .update(wechatPushes)
      .set({ status: "skipped" })
      .where(and(inArray(wechatPushes.notificationId, skipped), eq(wechatPushes.status, "sending")));
  }
  return notices.length;
}
