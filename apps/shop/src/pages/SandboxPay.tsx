// The sandbox provider's hosted pay page (/pay/sandbox?tradeNo=&amount=&expires=&return=&sig=): the server
// checks the signed link before the amount is shown; "模拟支付成功" or "模拟支付失败" (test options, not errors) makes the sandbox deliver its signed
// notification, and the result page shows what the server made of it.
import { Button, ErrorBlock, Skeleton } from "antd-mobile";
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { PageBar } from "../components/PageBar.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { formatTime } from "../lib/format.ts";
import { formatFen } from "../lib/money.ts";
import type { SandboxLink as Link } from "../lib/types.ts";
import { useFail, useFailureText } from "../lib/use-fail.ts";

type Checked = { outTradeNo: string; amountFen: number; expiresAtMs: number };

function linkOf(params: URLSearchParams): Link | null {
  const [tradeNo, amount, expires, sig] = ["tradeNo", "amount", "expires", "sig"].map((k) => params.get(k));
  if (!tradeNo || !amount || !expires || !sig) return null;
  const back = params.get("return");
  const payer = params.get("payer");
  return { tradeNo, amount, expires, sig, ...(payer ? { payer } : {}), ...(back ? { return: back } : {}) };
}

export function SandboxPayPage() {
  const { t } = useI18n();
  const fail = useFail();
  const failureText = useFailureText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const query = params.toString();
  const link = linkOf(params);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState<"paid" | "failed" | null>(null);

  useEffect(() => {
    const fromAddress = linkOf(new URLSearchParams(query));
    if (!fromAddress) return;
    call(api.GET("/api/v1/pay/sandbox/check", { params: { query: fromAddress } })).then(setChecked, (e) =>
      setRefusal(failureText(e)),
    );
  }, [query, failureText]);

  const complete = async (result: "paid" | "failed") => {
    if (!link) return;
    setBusy(result);
    try {
      const done = await call(api.POST("/api/v1/pay/sandbox/complete", { body: { ...link, result } }));
      navigate(`/pay/result?orderNo=${encodeURIComponent(done.orderNo)}&paid=${done.paid ? 1 : 0}`, {
        replace: true,
      });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page sandbox-pay" data-testid="sandbox-pay-page">
      <PageBar title={t("pay.sandboxTitle")} />
      {(!link || refusal) && (
        <ErrorBlock status="disconnected" title={refusal ?? t("error.PAY_LINK_INVALID")} description="" />
      )}
      {link && !refusal && !checked && <Skeleton.Paragraph lineCount={4} animated />}
      {checked && (
        <div className="card sandbox-card">
          <div className="sandbox-badge">{t("pay.sandboxBadge")}</div>
          <div className="muted small">{t("pay.amount")}</div>
          <div className="sandbox-amount" data-testid="sandbox-amount" data-fen={checked.amountFen}>
            {formatFen(checked.amountFen)}
          </div>
          <div className="order-meta">
            <div>
              {t("order.no")}: {checked.outTradeNo}
            </div>
            <div>{t("pay.expires", { time: formatTime(new Date(checked.expiresAtMs)) })}</div>
          </div>
          <Button
            block
            color="success"
            size="large"
            shape="rounded"
            loading={busy === "paid"}
            disabled={busy !== null}
            onClick={() => complete("paid")}
            data-testid="sandbox-pay"
          >
            {t("pay.pay")}
          </Button>
          <Button
            block
            size="large"
            shape="rounded"
            className="mt"
            loading={busy === "failed"}
            disabled={busy !== null}
            onClick={() => complete("failed")}
            data-testid="sandbox-fail"
          >
            {t("pay.fail")}
          </Button>
        </div>
      )}
    </div>
  );
}
