// The product page: picture gallery, price, sales, parameters, description, and the SKU picker behind
// "add to cart" / "buy now".
import { Button, ErrorBlock, Image, Skeleton, Swiper, Toast } from "antd-mobile";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { GiftLines, WelcomeBanner } from "../components/OfferStrips.tsx";
import { PageBar } from "../components/PageBar.tsx";
import { Price } from "../components/Price.tsx";
import { ProductPromo, ThresholdLines } from "../components/ProductPromo.tsx";
import { RichText } from "../components/RichText.tsx";
import { ShareButton } from "../components/ShareButton.tsx";
import { type PickerAction, SkuPicker } from "../components/SkuPicker.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { useAuth } from "../lib/auth.tsx";
import { checkoutLink } from "../lib/checkout-link.ts";
import { promotionOf, useShopActivities, useWelcomeOffer, welcomeFor } from "../lib/marketing.ts";
import { pendingReferral } from "../lib/referral.ts";
import { resumedChoice, resumeLink } from "../lib/resume-choice.ts";
import { type Choice, initialChoice, priceRange, skuOf } from "../lib/sku.ts";
import { track } from "../lib/tracking.ts";
import type { Product, Sku } from "../lib/types.ts";
import { useFail } from "../lib/use-fail.ts";
import { GroupBuyLink } from "./groups/GroupBuyLink.tsx";
import { ProductReviews } from "./reviews/ProductReviews.tsx";

export function ProductPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  // the choice in the address is read once, when the product arrives
  const arrivedWith = useRef(searchParams);
  const { signedIn } = useAuth();
  const fail = useFail();
  const [product, setProduct] = useState<Product | null>(null);
  const [missing, setMissing] = useState(false);
  const [choice, setChoice] = useState<Choice>([]);
  const [quantity, setQuantity] = useState(1);
  const [picker, setPicker] = useState<{ open: boolean; action: PickerAction | null }>({
    open: false,
    action: null,
  });
  const [busy, setBusy] = useState(false);
  const activities = useShopActivities();
  const welcomeAnswer = useWelcomeOffer(signedIn);

  useEffect(() => track({ kind: "page_view", productId: id, source: "product" }), [id]);
  useEffect(() => {
    call(api.GET("/api/v1/products/{id}", { params: { path: { id } } }))
      .then((p) => {
        setProduct(p);
        // back from the login page: the SKU, quantity and action chosen before it, with the picker open
        const resumed = resumedChoice(p, arrivedWith.current);
        setChoice(resumed?.choice ?? initialChoice(p));
        if (resumed) {
          setQuantity(resumed.quantity);
          setPicker({ open: true, action: resumed.action });
        }
      })
      .catch(() => setMissing(true));
  }, [id]);

  if (missing) return <Missing />;
  if (!product) return <Skeleton.Paragraph lineCount={8} animated />;

  const sku = skuOf(product, choice);
  const range = priceRange(product);
  const soldOut = product.skus.every((s) => s.stock === 0);
  const promo = promotionOf(activities, product);
  // the chosen SKU's activity price, else the product's lowest (a SKU not yet chosen)
  const deal = sku ? (promo.skuPrices.get(sku.id) ?? null) : promo.lowest;
  const dealListFen = product.skus.find((s) => s.id === deal?.skuId)?.priceFen ?? range.min;
  const offSale = product.status !== "on_sale";
  const welcome = welcomeFor(welcomeAnswer, product, pendingReferral() !== undefined);

  const toLogin = (back: string) => navigate(`/login?redirect=${encodeURIComponent(back)}`);
  // A visitor picks first; logging in comes at the confirm, and the choice travels through it.
  const open = (action: PickerAction | null) => setPicker({ open: true, action });

  const confirm = async (chosen: Sku, action: PickerAction) => {
    if (!signedIn) return toLogin(resumeLink(product.id, chosen.id, quantity, action));
    if (action === "buy") return navigate(checkoutLink([{ skuId: chosen.id, quantity }], false));
    setBusy(true);
    try {
      await call(api.POST("/api/v1/cart/items", { body: { skuId: chosen.id, quantity } }));
      Toast.show({ icon: "success", content: t("product.added") });
      setPicker({ open: false, action: null });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page product-page">
      <PageBar title={product.title} right={<ShareButton productId={product.id} />} />
      <Swiper className="product-gallery" data-testid="product-gallery" indicatorProps={{ color: "white" }}>
        {(product.images.length ? [...new Set(product.images)] : [""]).map((src) => (
          <Swiper.Item key={src}>
            <Image src={src} fit="cover" className="product-gallery-image" />
          </Swiper.Item>
        ))}
      </Swiper>
      <section className="card product-summary">
        {deal && <ProductPromo deal={deal} listFen={dealListFen} />}
        <div className="product-price-row">
          {deal ? (
            // the activity strip above shows the price
            <span />
          ) : sku ? (
            <Price fen={sku.priceFen} original={sku.originalPriceFen} size="l" />
          ) : range.max > range.min ? (
            <span className="price price-l">
              <Price fen={range.min} size="l" />
              <span className="price-now"> ~ </span>
              <Price fen={range.max} size="l" />
            </span>
          ) : (
            // one price for every SKU: show its list price too, as the feed's tile does
            <Price
              fen={range.min}
              original={product.skus.find((s) => s.priceFen === range.min)?.originalPriceFen ?? null}
              size="l"
            />
          )}
          <span className="muted small">{t("product.sold", { n: product.salesCount })}</span>
        </div>
        <h1 className="product-title" data-testid="product-title">
          {product.title}
        </h1>
        {product.subtitle && <div className="muted">{product.subtitle}</div>}
        <ThresholdLines lines={promo.thresholds} />
        <GiftLines lines={promo.gifts} />
        {welcome && <WelcomeBanner offer={welcome} priceFen={deal?.priceFen ?? sku?.priceFen ?? range.min} />}
        {product.purchaseLimit && (
          <div className="tag-limit">{t("product.limit", { n: product.purchaseLimit })}</div>
        )}
      </section>
      <GroupBuyLink productId={product.id} />
      {product.specAxes.length > 0 && (
        <button
          type="button"
          className="card product-choose"
          onClick={() => open(null)}
          data-testid="product-choose-spec"
        >
          <span className="muted">{t("product.chosen")}</span>
          <span>{sku ? sku.specValues.join(" / ") : t("product.chooseSpec")}</span>
          <span className="muted">›</span>
        </button>
      )}
      {product.params.length > 0 && (
        <section className="card">
          <div className="card-head">{t("product.params")}</div>
          <table className="product-params">
            <tbody>
              {product.params.map((p) => (
                <tr key={p.key}>
                  <th>{p.key}</th>
                  <td>{p.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <ProductReviews productId={product.id} />
      {product.descriptionHtml && (
        <section className="card">
          <div className="card-head">{t("product.detail")}</div>
          <RichText html={product.descriptionHtml} />
        </section>
      )}
      <div className="action-bar">
        <Link
          to={`/service?kind=product&id=${product.id}`}
          className="action-service"
          data-testid="product-service"
        >
          {t("service.entry")}
        </Link>
        {offSale || soldOut ? (
          <Button block disabled shape="rounded">
            {offSale ? t("product.offSale") : t("product.soldOut")}
          </Button>
        ) : (
          <>
            <Button shape="rounded" color="warning" onClick={() => open("cart")} data-testid="add-to-cart">
              {t("product.addToCart")}
            </Button>
            <Button shape="rounded" color="danger" onClick={() => open("buy")} data-testid="buy-now">
              {t("product.buyNow")}
            </Button>
          </>
        )}
      </div>
      <SkuPicker
        product={product}
        visible={picker.open}
        action={picker.action}
        choice={choice}
        quantity={quantity}
        busy={busy}
        onChoice={setChoice}
        onQuantity={setQuantity}
        onClose={() => setPicker({ open: false, action: null })}
        onConfirm={confirm}
      />
    </div>
  );
}

function Missing() {
  const { t } = useI18n();
  return (
    <div className="page">
      <PageBar title="" />
      <ErrorBlock status="empty" title={t("product.notFound")} description="" />
    </div>
  );
}
