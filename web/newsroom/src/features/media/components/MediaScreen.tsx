/**
 * The media library as a screen of its own (/t/<tenant>/media?q=…&loai=…): everyone in
 * the newsroom finds files here; those who write upload, describe and build galleries.
 * The search lives in the address, so a search can be bookmarked, shared and reloaded.
 */
import { useSession } from "@/features/auth/hooks/useSession";
import { canWrite } from "@/features/auth/permissions";
import { useLocation } from "@/lib/router";

import type { AssetFilter, AssetKind } from "../api/media";
import { useMediaI18n } from "../i18n";
import MediaLibrary, { FILTER_KINDS } from "./MediaLibrary";

export default function MediaScreen(): React.JSX.Element {
  const { t } = useMediaI18n();
  const session = useSession();
  const { path, search } = useLocation();
  const kind = search.get("loai") ?? "";
  const initial: AssetFilter = {
    q: search.get("q") ?? "",
    kind: (FILTER_KINDS as string[]).includes(kind) ? (kind as AssetKind) : "",
  };
  const remember = (filter: AssetFilter): void => {
    const params = new URLSearchParams();
    if (filter.q.trim()) params.set("q", filter.q.trim());
    if (filter.kind) params.set("loai", filter.kind);
    const query = params.toString();
    window.history.replaceState(null, "", query ? `${path}?${query}` : path);
  };
  return (
    <section aria-labelledby="media-heading" className="stack">
      <h1 id="media-heading">{t("media.library")}</h1>
      <p className="muted">{t("media.screenHint")}</p>
      <MediaLibrary
        key={session.tenant}
        tenant={session.tenant}
        writable={canWrite(session)}
        initialFilter={initial}
        onFilterChange={remember}
      />
    </section>
  );
}
