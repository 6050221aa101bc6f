// The shopper's wallet (商城余额): the balance and its history, each entry named by what it was.
import type { Db } from "../../db/client.ts";
import { findWalletBalances, findWalletEntries } from "./repo.ts";

export type WalletEntryKind = "withdrawal" | "payment" | "refund" | "release" | "other";

/** Ledger transaction kinds as the shopper reads them. */
const KIND_OF: Record<string, WalletEntryKind> = {
  withdrawal_paid: "withdrawal",
  wallet_credit: "withdrawal",
  wallet_hold: "payment",
  wallet_release: "release",
  wallet_refund: "refund",
};

export async function getWallet(db: Db, userId: number) {
  return findWalletBalances(db, userId);
}

/** A page of the wallet's history; `amountFen` is signed as the shopper sees it (+ in, − out). */
export async function listWalletHistory(db: Db, userId: number, limit: number, cursor: number | null) {
  const rows = await findWalletEntries(db, userId, limit + 1, cursor);
  const items = rows.slice(0, limit).map((row) => ({
    id: row.entryId,
    kind: KIND_OF[row.kind] ?? "other",
    amountFen: -row.amountFen,
    orderNo: typeof row.meta.orderNo === "string" ? row.meta.orderNo : null,
    withdrawalId: typeof row.meta.withdrawalId === "number" ? row.meta.withdrawalId : null,
    at: new Date(row.createdAt),
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
