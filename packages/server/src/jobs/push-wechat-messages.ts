// Sends the message centre's new notices as WeChat subscription messages; does nothing (not even a query)
// until the mini-program's keys and WECHAT_SUBSCRIBE_TEMPLATES are set. A second run finds the cursor moved.
import { pushNoticesToWechat } from "../modules/notifications/wechat-push.ts";
import type { Job } from "./job.ts";

export const pushWechatMessages: Job = {
  name: "push-wechat-messages",
  everyMs: 10_000,
  run: (deps, now) => pushNoticesToWechat(deps, now),
};
