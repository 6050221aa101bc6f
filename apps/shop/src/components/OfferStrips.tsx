// The product page's offer strips: the gifts buying it brings (买赠 / 满赠, "满1件赠 小样×1") and, for a shopper
// who came by a distributor's link and has not ordered yet, the welcome offer with the first-order price; a
// cart line's gift note.
import { useI18n } from "../i18n/index.tsx";
import "./offers.css";
import { promotionOf, useShopActivities, type WelcomeOffer } from "../lib/marketing.ts";
import { formatFen } from "../lib/money.ts";

export function GiftLines({ lines }: { lines: string[] }) {
  const { t } = useI18n();
  if (lines.length === 0) return null;
  return (
    <div className="promo-lines product-gifts" data-testid="product-gifts">
      <span className="promo-badge gift-badge" data-testid="gift-badge">
        {t("gift.badge")}
      </span>
      {lines.map((line) => (
        <span key={line} className="promo-line">
          {line}
        </span>
      ))}
    </div>
  );
}

/**
 * A cart line's gift (满1件赠 小样×1): the ¥0 line itself appears at checkout, where the server counts it. A cart
 * line knows its product, not its category, so a gift on a category shows from checkout on.
 */
export function CartGiftNote({ productId }: { productId: number }) {
  const lines = promotionOf(useShopActivities(), { id: productId, categoryId: null }).gifts;
  return <GiftLines lines={lines} />;
}

/** "新客首单9折 · 首单到手 ¥89.10": the share paid is rounded down to the fen, as checkout rounds it. */
export function WelcomeBanner({
  offer,
  priceFen,
}: {
  offer: NonNullable<WelcomeOffer["offer"]>;
  priceFen: number;
}) {
  const { t } = useI18n();
  const off = priceFen - Math.floor((priceFen * offer.payBps) / 10_000);
  const firstPrice = priceFen - (offer.maxOffFen === null ? off : Math.min(off, offer.maxOffFen));
  return (
    <section className="welcome-banner" data-testid="welcome-banner">
      <span className="promo-badge">{t("welcome.badge")}</span>
      <span className="welcome-banner-name">{offer.name}</span>
      <span className="welcome-banner-price" data-testid="welcome-price">
        {t("welcome.price", { price: formatFen(firstPrice) })}
      </span>
    </section>
  );
}
