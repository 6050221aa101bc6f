// Withdraw: the methods the shop enabled, an amount in yuan (sent as fen), the server's fee preview, name and
// account with consent to store them encrypted (only for methods that pay outside the shop: 商城余额 needs
// none), then the request; the history below.
import { Button, Checkbox, Form, Input, Selector, Toast } from "antd-mobile";
import { useEffect, useState } from "react";
import { CursorList } from "../../components/CursorList.tsx";
import { WithdrawalRow } from "../../components/distribution/WithdrawalRow.tsx";
import { PageBar } from "../../components/PageBar.tsx";
import { isMessageKey, useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { distributionApi } from "../../lib/distribution-api.ts";
import type { WithdrawMethod, WithdrawPreview } from "../../lib/distribution-types.ts";
import { fenToYuanInput, formatFen } from "../../lib/money.ts";
import { useFail } from "../../lib/use-fail.ts";
import { useLoad } from "../../lib/use-load.ts";
import { checkYuanInput, yuanProblemText } from "../../lib/yuan-input.ts";

const allMethods: WithdrawMethod[] = ["wallet", "wechat_api", "alipay_api", "bank", "wechat_qr", "alipay_qr"];

const preview = (method: WithdrawMethod, amountFen: number) =>
  call(api.GET("/api/v1/distribution/withdrawals/preview", { params: { query: { method, amountFen } } }));

/** A required field's label with antd-mobile's own asterisk (it draws one only for named form fields). */
const requiredLabel = (text: string) => (
  <>
    {text}
    <span className="adm-form-item-required-asterisk">*</span>
  </>
);

/** Any method's preview carries the shop's minimum; a 1-fen one costs nothing. */
const probeLimits = () => preview(allMethods[0]!, 1);

/** The shop does not list its enabled methods; a 1-fen preview tells which ones it refuses as disabled. */
async function enabledMethods(): Promise<WithdrawMethod[]> {
  const answers = await Promise.all(allMethods.map((m) => preview(m, 1)));
  return allMethods.filter((_, i) => answers[i]?.reason !== "WITHDRAWAL_METHOD_DISABLED");
}

export function WithdrawPage() {
  const { t } = useI18n();
  const fail = useFail();
  const [wallet, reloadWallet] = useLoad(distributionApi.wallet);
  const [methods] = useLoad(enabledMethods);
  const [method, setMethod] = useState<WithdrawMethod | null>(null);
  const [amount, setAmount] = useState("");
  const [realName, setRealName] = useState("");
  const [account, setAccount] = useState("");
  const [consent, setConsent] = useState(false);
  const [quote, setQuote] = useState<WithdrawPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  // the shop's minimum, for the rule shown beside the amount (any method's preview carries it)
  const [limits] = useLoad(probeLimits);
  const [tried, setTried] = useState(false);
  const amountCheck = checkYuanInput(amount, {
    required: true,
    ...(limits ? { minFen: limits.minimumFen } : {}),
    ...(wallet ? { maxFen: Math.max(0, wallet.availableFen) } : {}),
  });
  const amountFen = amountCheck.kind === "ok" ? amountCheck.fen : null;
  const amountError =
    amountCheck.kind === "ok" || (!tried && amount.trim() === "")
      ? null
      : amountCheck.kind === "above_maximum"
        ? t("dist.amountOverAvailable", { max: formatFen(amountCheck.maxFen) })
        : yuanProblemText(amountCheck, t);
  const missing = (text: string) => tried && text.trim() === "";
  const chosen = method ?? methods?.[0] ?? null;
  const needsPayee = chosen !== "wallet";

  useEffect(() => {
    setQuote(null);
    if (!chosen || !amountFen) return;
    const timer = setTimeout(() => preview(chosen, amountFen).then(setQuote, () => undefined), 300);
    return () => clearTimeout(timer);
  }, [chosen, amountFen]);

  const submit = async () => {
    // the button stays enabled: pressing it shows beside each field what is still wrong
    setTried(true);
    if (!chosen || !amountFen) return;
    if (needsPayee && (!realName.trim() || !account.trim())) return;
    if (quote && !quote.ok) return;
    if (needsPayee && !consent) return void Toast.show(t("dist.needConsent"));
    setBusy(true);
    try {
      const body = needsPayee
        ? { method: chosen, amountFen, realName: realName.trim(), account: account.trim(), consent }
        : { method: chosen, amountFen };
      await call(api.POST("/api/v1/distribution/withdrawals", { body }));
      Toast.show({ icon: "success", content: t("dist.withdrawSubmitted") });
      setAmount("");
      reloadWallet();
      setHistoryKey((k) => k + 1);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const refusal = quote && !quote.ok && quote.reason ? `error.${quote.reason}` : null;
  return (
    <div className="page">
      <PageBar title={t("dist.withdrawTitle")} back="/distribution" />
      <Form
        layout="vertical"
        className="card withdraw-form"
        data-testid="withdraw-form"
        footer={
          <Button
            block
            color="danger"
            shape="rounded"
            loading={busy}
            onClick={submit}
            data-testid="withdraw-submit"
          >
            {t("dist.submitWithdraw")}
          </Button>
        }
      >
        <Form.Item
          label={t("dist.method")}
          description={
            !needsPayee && <span data-testid="withdraw-wallet-hint">{t("dist.walletMethodHint")}</span>
          }
        >
          <Selector
            columns={2}
            options={(methods ?? []).map((m) => ({ label: t(`dist.method.${m}`), value: m }))}
            value={chosen ? [chosen] : []}
            onChange={(v) => v[0] && setMethod(v[0])}
            data-testid="withdraw-method"
          />
        </Form.Item>
        <Form.Item
          label={requiredLabel(t("dist.amount"))}
          extra={
            wallet && (
              <Button
                size="mini"
                fill="none"
                color="primary"
                onClick={() => setAmount(fenToYuanInput(Math.max(0, wallet.availableFen)))}
                data-testid="withdraw-all"
              >
                {t("dist.all")}
              </Button>
            )
          }
          description={
            <span data-testid="withdraw-preview">
              {limits && (
                <span className="field-rule" data-testid="withdraw-amount-rule">
                  {t("dist.amountRule", { min: formatFen(limits.minimumFen) })}
                </span>
              )}
              {amountError && (
                <span className="field-error" data-testid="withdraw-amount-error">
                  {amountError}
                </span>
              )}
              {quote?.ok && t("dist.fee", { fee: formatFen(quote.feeFen), net: formatFen(quote.netFen) })}
              {refusal && (
                <span className="cart-line-problem">
                  {isMessageKey(refusal) ? t(refusal) : quote?.reason}
                </span>
              )}
            </span>
          }
        >
          <Input
            value={amount}
            onChange={setAmount}
            inputMode="decimal"
            placeholder={
              wallet ? t("dist.amountPlaceholder", { amount: formatFen(wallet.availableFen) }) : ""
            }
            data-testid="withdraw-amount"
          />
        </Form.Item>
        {needsPayee && (
          <>
            <Form.Item
              label={requiredLabel(t("dist.realName"))}
              description={missing(realName) && <span className="field-error">{t("dist.required")}</span>}
            >
              <Input
                value={realName}
                onChange={setRealName}
                maxLength={40}
                data-testid="withdraw-real-name"
              />
            </Form.Item>
            <Form.Item
              label={requiredLabel(t("dist.account"))}
              description={missing(account) && <span className="field-error">{t("dist.required")}</span>}
            >
              <Input
                value={account}
                onChange={setAccount}
                maxLength={64}
                placeholder={t("dist.accountPlaceholder")}
                data-testid="withdraw-account"
              />
            </Form.Item>
            <Form.Item>
              <Checkbox checked={consent} onChange={setConsent} data-testid="withdraw-consent">
                <span className="small">{t("dist.consent")}</span>
              </Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
      <h3 className="section-title">{t("dist.history")}</h3>
      <CursorList
        key={historyKey}
        load={distributionApi.withdrawals}
        render={(w) => <WithdrawalRow key={w.id} w={w} />}
        empty={t("common.empty")}
      />
    </div>
  );
}
