// Checkout: the shipping address, the server's quote (lines, freight per template, payable; the client never
// prices), the coupon (the one saving most is chosen first), points if switched on, a note, and "place order"
// with an Idempotency-Key so a double tap places one order.

import { Button, ErrorBlock, Input, List, Skeleton } from "antd-mobile";
import { useEffect, useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { AddressCard } from "../components/AddressCard.tsx";
import { AddressChooser } from "../components/AddressChooser.tsx";
import { bestCoupon, CouponPicker } from "../components/CouponPicker.tsx";
import { PageBar } from "../components/PageBar.tsx";
import { PayMethods } from "../components/PayMethods.tsx";
import { PointsToggle } from "../components/PointsToggle.tsx";
import { QuoteSummary } from "../components/QuoteSummary.tsx";
import { WalletPay } from "../components/WalletPay.tsx";
import { useI18n } from "../i18n/index.tsx";
import { ApiFailure, api, call } from "../lib/api.ts";
import { parseCheckoutItems } from "../lib/checkout-link.ts";
import { newIdempotencyKey } from "../lib/idempotency.ts";
import { formatFen } from "../lib/money.ts";
import type { Address, Quote } from "../lib/types.ts";
import { useFail, useFailureText } from "../lib/use-fail.ts";
import { useFollowPayment, usePay } from "../lib/use-pay.ts";
import { usePayMethods } from "../lib/use-pay-methods.ts";
import { useWalletChoice } from "../lib/use-wallet-choice.ts";

export function CheckoutPage() {
  const { t } = useI18n();
  const fail = useFail();
  const failureText = useFailureText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const items = useMemo(() => parseCheckoutItems(params.get("items")), [params]);
  const fromCart = params.get("cart") === "1";
  const [addresses, setAddresses] = useState<Address[]>([]);
  const [addressId, setAddressId] = useState<number | null>(null);
  const [addressesLoaded, setAddressesLoaded] = useState(false);
  const [choosing, setChoosing] = useState(false);
  const [quote, setQuote] = useState<Quote | null>(null);
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const [remark, setRemark] = useState("");
  // "best": not chosen yet, the first quote's best applicable coupon is taken; null: no coupon.
  const [couponChoice, setCouponChoice] = useState<number | null | "best">("best");
  const couponId = typeof couponChoice === "number" ? couponChoice : undefined;
  // points switched on ask for the most this cart may use (the last quote's offer); 0: none
  const [points, setPoints] = useState(0);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { methods, provider, setProvider } = usePayMethods();
  const pay = usePay();
  const followPayment = useFollowPayment();
  const wallet = useWalletChoice();
  // The bar shows what is still to pay once the balance has paid its part.
  const balancePartFen = quote ? wallet.walletPartOf(quote.payableFen) : 0;

  useEffect(() => {
    call(api.GET("/api/v1/addresses")).then(
      (all) => {
        setAddresses(all);
        setAddressId((current) => current ?? (all.find((a) => a.isDefault) ?? all[0])?.id ?? null);
        setAddressesLoaded(true);
      },
      (error) => {
        setAddressesLoaded(true);
        fail(error);
      },
    );
  }, [fail]);

  // Quoted once the addresses are known, so the bar never shows a total without the freight the order will
  // charge; an answer for an address no longer chosen is dropped, whichever request finishes last.
  useEffect(() => {
    if (items.length === 0 || !addressesLoaded) return;
    let current = true;
    const body = {
      items,
      ...(addressId ? { addressId } : {}),
      ...(couponId ? { couponId } : {}),
      ...(points ? { points } : {}),
    };
    call(api.POST("/api/v1/checkout/quote", { body })).then(
      (q) => {
        if (!current) return;
        setQuote(q);
        setQuoteError(null);
        setCouponChoice((choice) => (choice === "best" ? (bestCoupon(q.coupons)?.id ?? null) : choice));
      },
      (error) => current && setQuoteError(failureText(error)),
    );
    return () => {
      current = false;
    };
  }, [items, addressId, addressesLoaded, couponId, points, failureText]);

  if (items.length === 0) return <ErrorBlock status="empty" title={t("cart.empty")} description="" />;

  const address = addresses.find((a) => a.id === addressId) ?? null;
  // courses and classes are delivered by a redemption code: no address to choose
  const byCode = quote?.delivery === "redemption";
  const submit = async () => {
    if (!addressId && !byCode) {
      setChoosing(true);
      return;
    }
    setBusy(true);
    // A provider for the whole order is asked for with the order itself (one request); a part from the
    // balance depends on the order's final total, so that payment starts once the order exists.
    const whole = quote ? wallet.choiceFor(quote.payableFen, provider) : null;
    const payWith = whole && whole.provider !== "balance" && !("walletFen" in whole) ? whole : null;
    try {
      const order = await call(
        api.POST("/api/v1/orders", {
          body: {
            items,
            ...(byCode || !addressId ? {} : { addressId }),
            ...(couponId ? { couponId } : {}),
            ...(points ? { points: quote?.pointsUsed ?? points } : {}),
            buyerRemark: remark,
            fromCart,
            ...(payWith ? { pay: { provider: payWith.provider } } : {}),
          },
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      );
      // the order exists now: leaving the checkout, whatever the payment step does next
      navigate(`/orders/${order.id}`, { replace: true });
      if (order.payment) await followPayment(order, order.payment);
      // the order waits, unpaid, on its page; the shopper is told why its payment did not start
      else if (order.paymentError)
        fail(new ApiFailure(order.paymentError.code, order.paymentError.message, undefined));
      else {
        // with no method switched on (and no balance to cover it) the order waits, unpaid, on its page
        const choice = wallet.choiceFor(order.payableFen, provider);
        if (choice) await pay(order, choice);
      }
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page checkout-page">
      <PageBar title={t("checkout.title")} />
      {byCode ? (
        <div className="card checkout-address" data-testid="checkout-no-address">
          <span className="muted">{t("checkout.byRedemptionCode")}</span>
        </div>
      ) : (
        <button
          type="button"
          className="card checkout-address"
          onClick={() => setChoosing(true)}
          data-testid="checkout-address"
        >
          {address ? (
            <AddressCard address={address} />
          ) : (
            <span className="muted">{t("checkout.chooseAddress")}</span>
          )}
          <span className="muted">›</span>
        </button>
      )}
      {quoteError && (
        <div className="checkout-error" data-testid="checkout-error">
          {quoteError}
        </div>
      )}
      {quote ? <QuoteSummary quote={quote} /> : !quoteError && <Skeleton.Paragraph lineCount={5} animated />}
      {quote && quote.coupons.length > 0 && (
        <CouponPicker quote={quote} chosen={couponId ?? null} onChoose={setCouponChoice} />
      )}
      {quote && (
        <PointsToggle
          quote={quote}
          on={points > 0}
          onChange={(on) => setPoints(on ? (quote.points?.maxUsable ?? 0) : 0)}
        />
      )}
      <WalletPay wallet={wallet} payableFen={quote?.payableFen ?? null} />
      {!(quote && wallet.choiceFor(quote.payableFen, null)) && (
        <PayMethods methods={methods} value={provider} onChange={setProvider} />
      )}
      <List className="card checkout-amounts">
        <List.Item title={t("checkout.remark")}>
          <Input
            value={remark}
            onChange={setRemark}
            maxLength={200}
            placeholder={t("checkout.remarkPlaceholder")}
            data-testid="checkout-remark"
          />
        </List.Item>
      </List>
      <div className="action-bar">
        <div className="action-bar-total">
          {balancePartFen > 0 ? t("checkout.restToPay") : t("checkout.payable")}:{" "}
          <span className="price price-l" data-testid="checkout-payable">
            <span className="price-now">{quote ? formatFen(quote.payableFen - balancePartFen) : "—"}</span>
          </span>
        </div>
        <Button
          color="danger"
          shape="rounded"
          className="checkout-submit"
          // the quote on screen is the one the order will be placed at: wait for the chosen coupon's
          disabled={
            !quote ||
            quoteError !== null ||
            couponChoice === "best" ||
            quote.couponId !== (couponId ?? null) ||
            points > 0 !== quote.pointsUsed > 0
          }
          loading={busy}
          onClick={submit}
          data-testid="checkout-submit"
        >
          {t("checkout.submit")}
        </Button>
      </div>
      <AddressChooser
        visible={choosing}
        addresses={addresses}
        chosenId={addressId}
        onChoose={(id) => {
          setAddressId(id);
          setChoosing(false);
        }}
        onClose={() => setChoosing(false)}
      />
    </div>
  );
}
