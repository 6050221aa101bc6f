// The product page's 评价 card: average stars, how many reviews and how many with photos, the newest few.
// A review's text is shown as text (React escapes it): markup a buyer typed stays visible characters.
// A review someone shared (`?review=ID`) is shown on top; a distributor may share any good review (4–5 stars)
// as a short link carrying their code, with a card of the stars and words.
import { Button, Image, Popup, Rate, Toast } from "antd-mobile";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useI18n } from "../../i18n/index.tsx";
import { useAuth } from "../../lib/auth.tsx";
import { copyText } from "../../lib/clipboard.ts";
import { formatTime } from "../../lib/format.ts";
import { reviewsApi } from "../../lib/reviews-api.ts";
import { sharingApi } from "../../lib/sharing-api.ts";
import { useLoad } from "../../lib/use-load.ts";

type Review = Awaited<ReturnType<typeof reviewsApi.one>>;
type Shared = Awaited<ReturnType<typeof reviewsApi.share>>;

const SHAREABLE_STARS = 4;

function ReviewItem({
  r,
  onShare,
  testId,
}: {
  r: Review;
  onShare: ((id: number) => void) | null;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <div className="review-item" data-testid={testId} data-review-id={r.id}>
      <div className="review-head">
        <span>{r.author}</span>
        <Rate readOnly value={r.rating} style={{ "--star-size": "12px" }} />
        <span className="muted small">{formatTime(r.createdAt)}</span>
        {onShare && r.rating >= SHAREABLE_STARS && (
          <button
            type="button"
            className="plain-button review-share"
            onClick={() => onShare(r.id)}
            data-testid="review-share"
          >
            {t("review.share")}
          </button>
        )}
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
  );
}

export function ProductReviews({ productId }: { productId: number }) {
  const { t } = useI18n();
  const { signedIn } = useAuth();
  const [searchParams] = useSearchParams();
  const sharedId = Number(searchParams.get("review")) || null;
  const [page] = useLoad(() => reviewsApi.forProduct(productId), productId);
  const [pinned, setPinned] = useState<Review | null>(null);
  const [mayShare, setMayShare] = useState(false);
  const [sharing, setSharing] = useState<Shared | null>(null);

  useEffect(() => {
    if (!sharedId) return;
    reviewsApi.one(sharedId).then(
      (r) => setPinned(r.productId === productId ? r : null),
      () => setPinned(null),
    );
  }, [sharedId, productId]);
  useEffect(() => {
    if (!signedIn) return;
    // only distributors get a share answer; anyone else simply sees no share button
    sharingApi.share().then(
      () => setMayShare(true),
      () => setMayShare(false),
    );
  }, [signedIn]);

  if (!page) return null;
  const { summary } = page;
  const share = async (id: number) => {
    try {
      setSharing(await reviewsApi.share(id));
    } catch (error) {
      Toast.show({ icon: "fail", content: error instanceof Error ? error.message : String(error) });
    }
  };
  const copy = async () => {
    if (sharing && (await copyText(`${sharing.text} ${sharing.link}`)))
      Toast.show({ icon: "success", content: t("dist.shareCopied") });
  };
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
      {pinned && (
        <div className="review-pinned">
          <div className="muted small">{t("review.sharedWithYou")}</div>
          <ReviewItem r={pinned} onShare={mayShare ? share : null} testId="shared-review" />
        </div>
      )}
      {summary.count === 0 && <div className="muted small">{t("review.none")}</div>}
      {page.items
        .filter((r) => r.id !== pinned?.id)
        .map((r) => (
          <ReviewItem key={r.id} r={r} onShare={mayShare ? share : null} testId="review-item" />
        ))}
      <Popup visible={sharing !== null} onMaskClick={() => setSharing(null)} bodyStyle={{ padding: 16 }}>
        {sharing && (
          <div className="review-share-card" data-testid="review-share-card">
            <div className="card-head">{t("review.shareTitle")}</div>
            <Rate readOnly value={sharing.review.rating} style={{ "--star-size": "16px" }} />
            <div className="review-text">{sharing.review.body}</div>
            {sharing.review.photos[0] && (
              <Image src={sharing.review.photos[0]} width={120} height={120} fit="cover" />
            )}
            <div className="dist-link small" data-testid="review-share-link">
              {sharing.link}
            </div>
            <Button block color="primary" shape="rounded" onClick={copy} data-testid="review-share-copy">
              {t("review.shareCopy")}
            </Button>
          </div>
        )}
      </Popup>
    </section>
  );
}
