import { describe, expect, test } from "vitest";
import { fen } from "../money.ts";
import { planWalletPayment } from "./wallet-payment.ts";

const plan = (payable: number, held: number, provider: string, walletFen?: number) =>
  planWalletPayment({
    payableFen: fen(payable),
    heldFen: fen(held),
    provider,
    ...(walletFen === undefined ? {} : { walletFen }),
  });

describe("planWalletPayment", () => {
  test.each([
    {
      label: "¥100 all from the balance",
      args: [10000, 0, "balance"],
      expected: { kind: "whole", holdFen: 10000 },
    },
    {
      label: "¥100, ¥30 from the balance and WeChat the rest",
      args: [10000, 0, "wechat", 3000],
      expected: { kind: "part", holdFen: 3000, walletFen: 3000, providerFen: 7000 },
    },
    {
      label: "a second pay tap keeps the ¥30 already held",
      args: [10000, 3000, "sandbox"],
      expected: { kind: "part", holdFen: 0, walletFen: 3000, providerFen: 7000 },
    },
    {
      label: "no balance part: the provider pays everything",
      args: [10000, 0, "alipay"],
      expected: { kind: "part", holdFen: 0, walletFen: 0, providerFen: 10000 },
    },
    {
      label: "a part as large as the order",
      args: [10000, 0, "wechat", 10000],
      expected: { kind: "refuse", reason: "WALLET_PART_INVALID" },
    },
    {
      label: "a negative part",
      args: [10000, 0, "wechat", -1],
      expected: { kind: "refuse", reason: "WALLET_PART_INVALID" },
    },
    {
      label: "another part once ¥30 is held",
      args: [10000, 3000, "wechat", 2000],
      expected: { kind: "refuse", reason: "WALLET_PART_FIXED" },
    },
    {
      label: "all from the balance once a part is held",
      args: [10000, 3000, "balance"],
      expected: { kind: "refuse", reason: "WALLET_PART_FIXED" },
    },
  ])("$label", ({ args, expected }) => {
    const [payable, held, provider, walletFen] = args as [number, number, string, number | undefined];
    expect(plan(payable, held, provider, walletFen)).toEqual(expected);
  });
});
