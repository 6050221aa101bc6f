// A group challenge's progress: how many joined so far, the tiers as a ladder with the one reached highlighted,
// how many more the next tier needs, the countdown, and the rule that makes joining early safe: everyone ends up
// paying the final price, the difference refunded when the challenge ends. The button goes to the product.
import { Button, ErrorBlock, ProgressBar, Result, Skeleton } from "antd-mobile";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Countdown } from "../../components/Countdown.tsx";
import { PageBar } from "../../components/PageBar.tsx";
import { Price } from "../../components/Price.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatFen } from "../../lib/money.ts";
import { type Challenge, loadChallenge, zheText } from "./challenge-api.ts";
import "./challenge.css";

const unitFen = (listFen: number, payBps: number) => Math.floor((listFen * payBps) / 10_000);

export function GroupChallengePage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    loadChallenge(id).then(setChallenge, () => setMissing(true));
  }, [id]);

  if (missing) return <ErrorBlock status="empty" title={t("challenge.missing")} description="" />;
  if (!challenge) return <Skeleton.Paragraph lineCount={8} animated />;

  // the cheapest SKU stands for the product in the ladder's prices
  const sku = [...challenge.skus].sort((a, b) => a.listPriceFen - b.listPriceFen)[0]!;
  const lowest = challenge.tiers[challenge.tiers.length - 1]!;
  const ended = challenge.state === "ended";
  // the ladder starts at the list price (no one yet), then each tier
  const ladder = [{ participants: 0, payBps: 10_000 }, ...challenge.tiers];
  const current = ladder.filter((tier) => challenge.participants >= tier.participants).length - 1;
  const next = challenge.next;
  const previousTarget = ladder[current]!.participants;
  const lowestFen = unitFen(sku.listPriceFen, lowest.payBps);

  return (
    <div className="page challenge-page" data-testid="challenge-page" data-state={challenge.state}>
      <PageBar title={t("challenge.title")} />
      <div className="card challenge-hero">
        <div className="small">{challenge.name}</div>
        <h2 className="group-buy-title">{sku.productTitle}</h2>
        <div>
          {t(ended ? "challenge.finalPrice" : "challenge.priceNow")}{" "}
          <span data-testid="challenge-price">
            <Price fen={sku.priceFen} original={sku.listPriceFen} size="l" />
          </span>
        </div>
        <div className="challenge-count" data-testid="challenge-participants">
          {t("challenge.joined", { n: challenge.participants })}
        </div>
        {!ended && next && (
          <>
            <ProgressBar
              percent={
                ((challenge.participants - previousTarget) * 100) / (next.participants - previousTarget)
              }
              style={{ "--fill-color": "#fff", "--track-color": "rgba(255,255,255,.35)" }}
            />
            <div data-testid="challenge-next">
              {t("challenge.nextTarget", {
                n: next.missing,
                tier: zheText(next.payBps),
                price: formatFen(unitFen(sku.listPriceFen, next.payBps)),
              })}
            </div>
          </>
        )}
        {!ended && !next && <div data-testid="challenge-next">{t("challenge.topReached")}</div>}
        <div className="small">
          {challenge.state === "upcoming" ? (
            t("challenge.startsSoon")
          ) : (
            <Countdown endsAt={String(challenge.endsAt)} />
          )}
        </div>
      </div>
      {ended && (
        <Result
          status="success"
          title={t("challenge.endedTitle", {
            tier: challenge.payBps >= 10_000 ? t("challenge.listPrice") : zheText(challenge.payBps),
          })}
          description={t(challenge.settled ? "challenge.endedRefunded" : "challenge.endedSettling")}
        />
      )}
      <div className="card">
        <div className="card-head">{t("challenge.ladder")}</div>
        <div className="challenge-ladder" data-testid="challenge-ladder">
          {ladder.map((tier, i) => (
            <div
              key={tier.participants}
              className={`challenge-tier${i <= current ? " challenge-tier-reached" : ""}${
                i === current ? " challenge-tier-current" : ""
              }`}
              data-testid="challenge-tier"
              data-current={i === current}
            >
              <span>
                {i === 0 ? t("challenge.start") : t("challenge.tierAt", { n: tier.participants })}
                {i === current && ` · ${t(ended ? "challenge.final" : "challenge.current")}`}
              </span>
              <span className="challenge-tier-price">
                {i === 0 ? t("challenge.listPrice") : zheText(tier.payBps)} ·{" "}
                {formatFen(unitFen(sku.listPriceFen, tier.payBps))}
              </span>
            </div>
          ))}
        </div>
      </div>
      <div className="card challenge-rule" data-testid="challenge-rule">
        <div className="card-head">{t("challenge.ruleTitle")}</div>
        <div>{t("challenge.rule")}</div>
        {!ended && sku.priceFen > lowestFen && (
          <div className="muted">
            {t("challenge.ruleExample", {
              paid: formatFen(sku.priceFen),
              tier: zheText(lowest.payBps),
              n: lowest.participants,
              back: formatFen(sku.priceFen - lowestFen),
            })}
          </div>
        )}
        {challenge.perPersonLimit !== null && (
          <div className="muted">{t("promo.perPerson", { n: challenge.perPersonLimit })}</div>
        )}
      </div>
      {!ended && (
        <div className="action-bar">
          <Button
            block
            color="danger"
            shape="rounded"
            disabled={challenge.state !== "running"}
            onClick={() => navigate(`/products/${sku.productId}`)}
            data-testid="challenge-join"
          >
            {t("challenge.join", { price: formatFen(sku.priceFen) })}
          </Button>
        </div>
      )}
    </div>
  );
}
