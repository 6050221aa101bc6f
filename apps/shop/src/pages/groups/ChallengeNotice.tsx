// On a product page opened from a group challenge's share link (`?challenge=ID`): how many have joined and how
// many more bring the next tier, or — the challenge over — that it has ended and the product sells as usual.
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";

type Progress = Awaited<ReturnType<typeof loadProgress>>;
const loadProgress = (id: number) =>
  call(api.GET("/api/v1/group-challenges/{id}", { params: { path: { id } } }));

export function ChallengeNotice({ challengeId }: { challengeId: number }) {
  const { t } = useI18n();
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    let live = true;
    loadProgress(challengeId).then(
      (p) => live && setProgress(p),
      () => live && setProgress(null),
    );
    return () => {
      live = false;
    };
  }, [challengeId]);
  if (!progress) return null;
  if (progress.state === "ended")
    return (
      <section className="card muted" data-testid="challenge-notice" data-state="ended">
        {t("challenge.ended", { name: progress.name })}
      </section>
    );
  return (
    <section className="card" data-testid="challenge-notice" data-state={progress.state}>
      <div>{t("challenge.running", { name: progress.name, n: progress.participants })}</div>
      {progress.next && (
        <div className="small muted">
          {t("challenge.next", { missing: progress.next.missing, discount: progress.next.payBps / 1000 })}
        </div>
      )}
    </section>
  );
}
