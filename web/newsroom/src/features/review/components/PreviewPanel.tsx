/**
 * The story as the portal will render it: the portal's own preview page (one renderer,
 * so "as readers will see it" is exact), opened in a new tab. The portal cannot be
 * framed (its CSP says frame-ancestors 'self'), and its staff sign-in is the same
 * Keycloak session, so the tab opens signed in.
 */
import { useSession } from "@/features/auth/hooks/useSession";
import { useI18n } from "@/i18n";
import type { Story } from "@/lib/api";

import { previewUrl, publicUrl } from "../preview";

export default function PreviewPanel({ story }: { story: Story }): React.JSX.Element {
  const { t } = useI18n();
  const { tenant } = useSession();
  const preview = previewUrl(tenant, story.id, story.current_revision);
  if (!preview) {
    return (
      <p className="notice" data-testid="preview-unavailable">
        {t("preview.noPortal")}
      </p>
    );
  }
  const live = story.published_revision > 0 && story.status !== "retracted" ? publicUrl(tenant, story.slug) : null;
  return (
    <section aria-labelledby="preview-heading" className="stack">
      <h2 id="preview-heading">{t("preview.title")}</h2>
      <p>{t("preview.explain")}</p>
      <ul className="stack">
        <li>
          <a href={preview} target="_blank" rel="noopener" data-testid="preview-link">
            {t("preview.open", { revision: story.current_revision })}
          </a>
        </li>
        {live ? (
          <li>
            <a href={live} target="_blank" rel="noopener" data-testid="live-link">
              {t("preview.live", { revision: story.published_revision })}
            </a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
