// 评价: after receipt, each bought line gets stars, a few words and up to 9 photos; a line already reviewed
// or refunded in full says so instead of a form.
import { Button, ImageUploader, type ImageUploadItem, Rate, TextArea, Toast } from "antd-mobile";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { OrderLine } from "../../components/OrderLine.tsx";
import { PageBar } from "../../components/PageBar.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { reviewsApi } from "../../lib/reviews-api.ts";
import { uploadImage } from "../../lib/upload.ts";
import { useFail } from "../../lib/use-fail.ts";
import { useLoad } from "../../lib/use-load.ts";

type Line = Awaited<ReturnType<typeof reviewsApi.reviewable>>["items"][number];

export function WriteReviewPage() {
  const { t } = useI18n();
  const orderId = Number(useParams().id);
  const [lines, reload] = useLoad(() => reviewsApi.reviewable(orderId), orderId);
  return (
    <div className="page">
      <PageBar title={t("review.write")} />
      {lines?.items.map((line) => (
        <ReviewForm key={line.orderItemId} line={line} onDone={reload} />
      ))}
    </div>
  );
}

function ReviewForm({ line, onDone }: { line: Line; onDone: () => void }) {
  const { t } = useI18n();
  const fail = useFail();
  const [rating, setRating] = useState(5);
  const [text, setText] = useState("");
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await reviewsApi.create({
        orderItemId: line.orderItemId,
        rating,
        text,
        photos: photos.map((p) => p.url),
      });
      Toast.show({ content: t("review.thanks") });
      onDone();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card" data-testid="review-form" data-refusal={line.refusal ?? ""}>
      <OrderLine
        line={{ title: line.title, skuLabel: line.skuLabel, imageUrl: line.imageUrl, quantity: 1 }}
      />
      {line.refusal ? (
        <div className="muted small">{t(`review.refusal.${line.refusal}`)}</div>
      ) : (
        <>
          <Rate value={rating} onChange={setRating} data-testid="review-rating" />
          <TextArea
            value={text}
            onChange={setText}
            maxLength={500}
            showCount
            rows={3}
            placeholder={t("review.placeholder")}
            data-testid="review-text"
          />
          <ImageUploader
            value={photos}
            onChange={setPhotos}
            maxCount={9}
            upload={async (file) => ({ url: await uploadImage(file) })}
            data-testid="review-photos"
          />
          <Button block color="primary" loading={busy} onClick={submit} data-testid="review-submit">
            {t("review.submit")}
          </Button>
        </>
      )}
    </div>
  );
}
