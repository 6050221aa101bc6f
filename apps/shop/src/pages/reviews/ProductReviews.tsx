// The product page's 评价 card: average stars, how many reviews and how many with photos, the newest few.
// A review's text is shown as text (React escapes it): markup a buyer typed stays visible characters.
import { Image, Rate } from "antd-mobile";
import { useI18n } from "../../i18n/index.tsx";
import { formatTime } from "../../lib/format.ts";
import { reviewsApi } from "../../lib/reviews-api.ts";
import { useLoad } from "../../lib/use-load.ts";

export function ProductReviews({ productId }: { productId: number }) {
  const { t } = useI18n();
  const [page] = useLoad(() => reviewsApi.forProduct(productId), productId);
  if (!page) return null;
  const { summary } = page;
  return (
    <section className="card product-reviews" data-testid="product-reviews">
      <div className="card-head">
        <span>{t("review.title", { count: summary.count })}</span>
        {summary.count > 0 && (
          <span className="review-summary" data-testid="review-summary">
            <Rate readOnly allowHalf value={summary.average} style={{ "--star-size": "14px" }} />{" "}
            {summary.average.toFixed(1)}
            {" · "}
            {t("review.withPhotos", { count: summary.withPhotos })}
          </span>
        )}
      </div>
      {summary.count === 0 && <div className="muted small">{t("review.none")}</div>}
      {page.items.map((r) => (
        <div key={r.id} className="review-item" data-testid="review-item">
          <div className="review-head">
            <span>{r.author}</span>
            <Rate readOnly value={r.rating} style={{ "--star-size": "12px" }} />
            <span className="muted small">{formatTime(r.createdAt)}</span>
          </div>
          {r.skuLabel && <div className="muted small">{r.skuLabel}</div>}
          {r.body && <div className="review-text">{r.body}</div>}
          {r.photos.length > 0 && (
            <div className="review-photos">
              {r.photos.map((url) => (
                <Image key={url} src={url} width={72} height={72} fit="cover" data-testid="review-photo" />
              ))}
            </div>
          )}
          {r.reply && <div className="review-reply">{t("review.reply", { text: r.reply })}</div>}
        </div>
      ))}
    </section>
  );
}
