// The shopper's wallet (商城余额): its balance and its history, page by page.
import { api, call } from "./api.ts";

export const walletApi = {
  balance: () => call(api.GET("/api/v1/wallet")),
  entries: (cursor?: number) =>
    call(
      api.GET("/api/v1/wallet/entries", { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } }),
    ),
};
