// The default provider: takes "payments" with no keys so the demo works out of the box. It
// keeps trades in memory, sends the buyer to the shop's hosted pay page, and delivers signed
// notifications to our own notify URLs that the server verifies exactly like a real provider's.
// Test hook: a refund or payout whose amount ends in 99 fen fails.

import { randomBytes } from "node:crypto";
import { invalidRequest, notFound, rejected } from "../http-call.ts";
import type {
  PaymentProvider,
  PaymentSnapshot,
  PayoutSnapshot,
  ProviderFailure,
  RefundSnapshot,
} from "../provider.ts";
import { SANDBOX_DEFAULTS, type SandboxConfig } from "./config.ts";
import { type Delivery, deliver, type NotificationTransport } from "./deliver.ts";
import { loadSandboxKeys } from "./keys.ts";
import { parseSandboxNotification } from "./notification.ts";
import { buildPayLink, checkPayLink, type PayLinkCheck } from "./pay-link.ts";
import { readPayment, readPayout, readRefund, toRecord } from "./records.ts";

export type SimulateInput = {
  outTradeNo: string;
  result: "paid" | "failed";
  /**
   * once; twice = two independently signed deliveries at the same moment (WeChat's "two links");
   * late = after delayMs; never = the notification is lost, only a query (the reconcile sweep) finds it.
   */
  deliver: "once" | "twice" | "late" | "never";
  delayMs?: number;
  /** For a trade this process does not remember (e.g. after a restart): taken from the checked pay link. */
  amountFen?: number;
  /** Hands the signed notification to this instead of POSTing it to the notify URL. */
  transport?: NotificationTransport;
};

export type SimulateResult = { ok: true; payment: PaymentSnapshot; deliveries: Delivery[] } | ProviderFailure;

export type SandboxProvider = PaymentProvider & {
  readonly serial: string;
  /** Pays (or fails) a trade and delivers its notification; resolves when delivered. */
  simulate(input: SimulateInput): Promise<SimulateResult>;
  /** Checks the query of a pay-page link (see pay-link.ts for the contract). */
  checkPayLink(query: Record<string, string | undefined>, nowMs: number): PayLinkCheck;
  /** Resolves when every background notification (refunds, payouts) has been delivered. */
  settle(): Promise<void>;
};

export type SandboxDeps = { now?: () => number };

type Trade = { payment: PaymentSnapshot; notifyUrl: string | undefined };

export function createSandboxProvider(config: SandboxConfig = {}, deps: SandboxDeps = {}): SandboxProvider {
  const now = deps.now ?? Date.now;
  const keys = loadSandboxKeys(config.privateKeyPem);
  const merchantId = config.merchantId ?? SANDBOX_DEFAULTS.merchantId;
  const verifyKeys = new Map([[keys.serial, keys.publicKey]]);
  const context = { keys: verifyKeys, merchantId };
  const trades = new Map<string, Trade>();
  const refunds = new Map<string, RefundSnapshot>();
  const payouts = new Map<string, PayoutSnapshot>();
  const inFlight = new Set<Promise<unknown>>();
  const send = (
    url: string | undefined,
    eventType: string,
    resource: Record<string, unknown>,
    transport?: NotificationTransport,
  ) =>
    deliver(url, { id: newId("evt"), event_type: eventType, merchant_id: merchantId, resource }, keys, {
      now,
      timeoutMs: config.timeoutMs ?? SANDBOX_DEFAULTS.timeoutMs,
      ...(transport ? { transport } : {}),
    });
  const background = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const fails = (amountFen: number) => amountFen % 100 === SANDBOX_DEFAULTS.failingFenSuffix;

  return {
    name: "sandbox",
    channels: ["jsapi", "h5", "native", "wap"],
    serial: keys.serial,

    async createPayment(input) {
      if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
        return invalidRequest("amountFen must be a positive integer");
      }
      const known = trades.get(input.outTradeNo);
      if (known && known.payment.amountFen !== input.amountFen)
        return rejected("out_trade_no reused", "OUT_TRADE_NO_USED");
      if (!known) {
        const payment: PaymentSnapshot = {
          outTradeNo: input.outTradeNo,
          transactionId: null,
          amountFen: input.amountFen,
          status: "pending",
          providerStatus: "NOTPAY",
          paidAtMs: null,
          raw: null,
        };
        trades.set(input.outTradeNo, { payment, notifyUrl: input.notifyUrl });
      }
      const link = {
        outTradeNo: input.outTradeNo,
        amountFen: input.amountFen,
        expiresAtMs: input.expiresAtMs,
        payer: input.payerUserId === undefined ? "" : String(input.payerUserId),
        returnUrl: input.returnUrl ?? "",
      };
      return {
        ok: true,
        kind: "redirect",
        url: buildPayLink(config.payPagePath ?? SANDBOX_DEFAULTS.payPagePath, link, keys.linkKey),
      };
    },

    async simulate(input) {
      let trade = trades.get(input.outTradeNo);
      if (!trade && input.amountFen !== undefined) {
        const payment: PaymentSnapshot = {
          outTradeNo: input.outTradeNo,
          transactionId: null,
          amountFen: input.amountFen,
          status: "pending",
          providerStatus: "NOTPAY",
          paidAtMs: null,
          raw: null,
        };
        trade = { payment, notifyUrl: undefined };
        trades.set(input.outTradeNo, trade);
      }
      if (!trade) return notFound("sandbox does not know this trade");
      if (trade.payment.status === "pending" || trade.payment.status === "failed") {
        const paid = input.result === "paid";
        trade.payment = {
          ...trade.payment,
          // A retried "paid" keeps its transaction id: the duplicate is the same payment.
          transactionId: paid ? newId("sbx_tx") : null,
          status: paid ? "paid" : "failed",
          providerStatus: paid ? "SUCCESS" : "PAYERROR",
          paidAtMs: paid ? now() : null,
        };
      }
      if (input.deliver === "late" || input.delayMs) await sleep(input.delayMs ?? 1_000);
      const url = trade.notifyUrl ?? config.notifyUrls?.payment;
      const eventType = trade.payment.status === "paid" ? "TRANSACTION.SUCCESS" : "TRANSACTION.FAIL";
      const record = toRecord(trade.payment);
      const copies = input.deliver === "twice" ? 2 : input.deliver === "never" ? 0 : 1;
      const deliveries = await Promise.all(
        Array.from({ length: copies }, () => send(url, eventType, record, input.transport)),
      );
      return { ok: true, payment: trade.payment, deliveries };
    },

    checkPayLink: (query, nowMs) => checkPayLink(query, keys.linkKey, nowMs),

    parsePaymentNotification: (input) =>
      parseSandboxNotification(input, context, "TRANSACTION.", (envelope) => {
        const payment = readPayment(envelope.resource);
        return payment && { ...payment, provider: "sandbox" as const, eventId: envelope.id };
      }),

    async queryPayment(outTradeNo) {
      const trade = trades.get(outTradeNo);
      return trade ? { ok: true, payment: trade.payment } : notFound("sandbox does not know this trade");
    },

    async refund(input) {
      const existing = refunds.get(input.outRefundNo);
      if (existing) return { ok: true, refund: existing };
      const trade = trades.get(input.outTradeNo);
      if (trade) {
        const refunded = [...refunds.values()]
          .filter((r) => r.outTradeNo === input.outTradeNo && r.status === "succeeded")
          .reduce((sum, r) => sum + r.refundFen, 0);
        if (refunded + input.refundFen > trade.payment.amountFen)
          return rejected("refund exceeds payment", "NOT_ENOUGH");
      }
      const failed = fails(input.refundFen);
      const refund: RefundSnapshot = {
        outTradeNo: input.outTradeNo,
        outRefundNo: input.outRefundNo,
        refundId: newId("sbx_rf"),
        refundFen: input.refundFen,
        status: failed ? "closed" : "succeeded",
        providerStatus: failed ? "CLOSED" : "SUCCESS",
        succeededAtMs: failed ? null : now(),
        raw: null,
      };
      refunds.set(input.outRefundNo, refund);
      const url = input.notifyUrl ?? config.notifyUrls?.refund;
      background(send(url, failed ? "REFUND.CLOSED" : "REFUND.SUCCESS", toRecord(refund)));
      return { ok: true, refund };
    },

    parseRefundNotification: (input) =>
      parseSandboxNotification(input, context, "REFUND.", (envelope) => {
        const refund = readRefund(envelope.resource);
        return refund && { ...refund, provider: "sandbox" as const, eventId: envelope.id };
      }),

    async queryRefund({ outRefundNo }) {
      const refund = refunds.get(outRefundNo);
      return refund ? { ok: true, refund } : notFound("sandbox does not know this refund");
    },

    async payout(input) {
      const existing = payouts.get(input.outPayoutNo);
      if (existing) return { ok: true, payout: existing };
      const failed = fails(input.amountFen);
      const payout: PayoutSnapshot = {
        outPayoutNo: input.outPayoutNo,
        providerPayoutNo: newId("sbx_po"),
        amountFen: input.amountFen,
        status: failed ? "failed" : "succeeded",
        providerStatus: failed ? "FAIL" : "SUCCESS",
        failReason: failed ? "SANDBOX_AMOUNT_ENDS_IN_99" : undefined,
        raw: null,
      };
      payouts.set(input.outPayoutNo, payout);
      const url = input.notifyUrl ?? config.notifyUrls?.payout;
      background(send(url, "PAYOUT.FINISHED", toRecord(payout)));
      return { ok: true, payout };
    },

    parsePayoutNotification: (input) =>
      parseSandboxNotification(input, context, "PAYOUT.", (envelope) => {
        const payout = readPayout(envelope.resource);
        return payout && { ...payout, provider: "sandbox" as const, eventId: envelope.id };
      }),

    async queryPayout(outPayoutNo) {
      const payout = payouts.get(outPayoutNo);
      return payout ? { ok: true, payout } : notFound("sandbox does not know this payout");
    },

    async settle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString("hex")}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
