/**
 * The story as the portal will render it: the portal's own page for this revision in a
 * frame, so there is one renderer. Needs the portal (issue 10) and its preview route.
 */
import { useSession } from "@/features/auth/hooks/useSession";
import { useI18n } from "@/i18n";
import type { Story } from "@/lib/api";
import { config } from "@/lib/config";

export default function PreviewPanel({ story }: { story: Story }): React.JSX.Element {
  const { t } = useI18n();
  const { tenant } = useSession();
  const portal = config().portalUrl;
  if (!portal) {
    return (
      <p className="notice" data-testid="preview-unavailable">
        {t("preview.noPortal")}
      </p>
    );
  }
  const published = story.published_revision > 0 && story.status !== "retracted";
  const url = `${portal}/${tenant}/stories/${encodeURIComponent(story.slug)}`;
  return (
    <section aria-labelledby="preview-heading" className="stack">
      <h2 id="preview-heading">{t("preview.title")}</h2>
      {published ? (
        <iframe title={t("preview.frame")} src={url} className="preview-frame" />
      ) : (
        <p className="notice">{t("preview.notYet")}</p>
      )}
    </section>
  );
}
