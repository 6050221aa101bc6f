// The shopper's wallet: the balance on 我的 and its history (cursor-paginated, newest first).
import type { AppDeps } from "../../deps.ts";
import { currentUserId } from "../../http/authenticate.ts";
import type { App } from "../../http/types.ts";
import { WalletEntries, WalletEntriesQuery, WalletResponse } from "./schemas.ts";
import { getWallet, listWalletHistory } from "./service.ts";

export function registerWalletRoutes(app: App, deps: AppDeps): void {
  const config = { auth: "user" } as const;
  const tags = ["shop: wallet"];
  app.get(
    "/api/v1/wallet",
    { config, schema: { tags, response: { 200: WalletResponse } } },
    async (request) => getWallet(deps.db, currentUserId(request)),
  );
  app.get(
    "/api/v1/wallet/entries",
    { config, schema: { tags, querystring: WalletEntriesQuery, response: { 200: WalletEntries } } },
    async (request) =>
      listWalletHistory(deps.db, currentUserId(request), request.query.limit, request.query.cursor ?? null),
  );
}
