/**
 * The tenant's media library, in the editor's media dialog (a lazy chunk, loaded when the
 * dialog opens) and as a screen of its own: uploads straight to object storage with a
 * progress bar per file, resumable; search (accent-insensitive, every word) and a kind
 * filter over the assets with their processing state, a page at a time; the metadata form
 * (alt text and credit are required before an image goes into a story); the gallery
 * builder.
 */
import { useEffect, useId, useRef, useState } from "react";

import { ErrorText } from "@/components/Feedback";
import { useMediaI18n } from "../i18n";
import { useQuery } from "@/lib/query";

import { type Asset, type AssetFilter, type AssetKind, listAssets, thumbnailUrl } from "../api/media";
import { rememberTitle } from "../titles";
import { useUploads } from "../upload/uploader";
import { AssetDetails } from "./AssetDetails";
import { GalleryBuilder } from "./GalleryBuilder";
import { UploadPanel } from "./UploadPanel";

export interface LibraryProps {
  tenant: string;
  writable: boolean;
  /** Puts the asset into the story's body and media list; absent on the library screen. */
  onInsert?: ((asset: Asset) => void) | undefined;
  /** The search to start with (the library screen keeps it in the address). */
  initialFilter?: AssetFilter | undefined;
  onFilterChange?: ((filter: AssetFilter) => void) | undefined;
}

const BUSY = new Set(["uploading", "verifying", "processing"]);
export const FILTER_KINDS: AssetKind[] = ["image", "video", "audio", "gallery", "document"];
const SEARCH_DELAY_MS = 300;

interface Pages {
  items: Asset[];
  more: boolean;
  loadingMore: boolean;
  error: Error | null;
  loaded: boolean;
  loadMore: () => void;
  reload: () => void;
}

/** The first page through `useQuery` (uploads and saves invalidate `assets:<tenant>`),
 * later pages appended on demand; each page's cursor is the service's (created, id), so
 * a new upload at the top does not shift them. */
function useAssetPages(tenant: string, filter: AssetFilter): Pages {
  const key = `assets:${tenant}:${filter.kind}:${filter.q.trim()}`;
  const first = useQuery(key, () => listAssets(tenant, filter));
  const [extra, setExtra] = useState<{ key: string; items: Asset[]; cursor: string | null }>({
    key,
    items: [],
    cursor: null,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error | null>(null);
  const later = extra.key === key ? extra : { key, items: [], cursor: null };
  const cursor = later.items.length > 0 ? later.cursor : (first.data?.cursor ?? null);

  const loadMore = (): void => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    listAssets(tenant, filter, cursor)
      .then((page) => setExtra({ key, items: [...later.items, ...page.items], cursor: page.cursor }))
      .catch((reason: unknown) => setMoreError(reason instanceof Error ? reason : new Error(String(reason))))
      .finally(() => setLoadingMore(false));
  };

  const seen = new Set<string>();
  const items = [...(first.data?.items ?? []), ...later.items].filter((asset) => {
    if (seen.has(asset.id)) return false;
    seen.add(asset.id);
    return true;
  });
  return {
    items,
    more: cursor !== null,
    loadingMore,
    error: first.error ?? moreError,
    loaded: first.data !== undefined,
    loadMore,
    reload: first.reload,
  };
}

export function assetTitle(asset: Asset, fallback: string): string {
  return asset.metadata.title?.vi || asset.metadata.title?.en || asset.version.filename || fallback;
}

export function StatusBadge({ asset }: { asset: Asset }): React.JSX.Element {
  const { t } = useMediaI18n();
  const status = asset.version.status ?? "uploading";
  const text = t(`media.status.${status}`, {
    percent: asset.version.progress_percent,
    reason: asset.version.failure_reason || "-",
  });
  return (
    <span className={`badge media-status-${status}`} data-testid="asset-status" data-status={status}>
      {text}
    </span>
  );
}

export default function MediaLibrary({
  tenant,
  writable,
  onInsert,
  initialFilter,
  onFilterChange,
}: LibraryProps): React.JSX.Element {
  const { t } = useMediaI18n();
  const [filter, setFilter] = useState<AssetFilter>(initialFilter ?? { q: "", kind: "" });
  const [text, setText] = useState(filter.q);
  const pages = useAssetPages(tenant, filter);
  const uploads = useUploads(tenant);
  const [selected, setSelected] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const ids = { heading: useId(), search: useId(), kind: useId(), hint: useId() };
  const reload = useRef(pages.reload);
  reload.current = pages.reload;
  // Chosen gallery images and the selected asset stay known when a search hides them.
  const known = useRef(new Map<string, Asset>());

  const items = pages.items;
  for (const asset of items) {
    known.current.set(asset.id, asset);
    rememberTitle(asset.id, assetTitle(asset, asset.id));
  }
  const busy = items.some((asset) => BUSY.has(asset.version.status ?? ""));
  // Processing is followed by polling the first page while anything is on its way to READY.
  useEffect(() => {
    if (!busy) return undefined;
    const timer = setTimeout(() => reload.current(), 1500);
    return () => clearTimeout(timer);
  }, [busy, items]);

  const apply = (next: AssetFilter): void => {
    if (next.q.trim() === filter.q.trim() && next.kind === filter.kind) return;
    setFilter(next);
    onFilterChange?.(next);
  };
  // Typing searches once the person pauses; Enter searches at once.
  const searchText = useRef((q: string): void => apply({ ...filter, q }));
  searchText.current = (q: string): void => apply({ ...filter, q });
  useEffect(() => {
    const timer = setTimeout(() => searchText.current(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const current = (selected && (items.find((asset) => asset.id === selected) ?? known.current.get(selected))) || null;
  const toggle = (id: string): void =>
    setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));
  const shown = items.filter((asset) => asset.kind !== "subtitles");
  const searching = filter.q.trim() !== "" || filter.kind !== "";

  return (
    <div className="media-library stack" data-testid="media-library">
      {writable ? <UploadPanel uploads={uploads} /> : null}
      <section aria-labelledby={ids.heading} className="stack">
        <h3 id={ids.heading}>{t("media.assets")}</h3>
        <form
          role="search"
          className="row media-search"
          onSubmit={(event) => {
            event.preventDefault();
            apply({ ...filter, q: text });
          }}
        >
          <label className="field" htmlFor={ids.search}>
            <span>{t("media.search")}</span>
            <input
              id={ids.search}
              type="search"
              value={text}
              maxLength={200}
              aria-describedby={ids.hint}
              data-testid="media-search"
              onChange={(event) => setText(event.target.value)}
            />
          </label>
          <label className="field" htmlFor={ids.kind}>
            <span>{t("media.kindFilter")}</span>
            <select
              id={ids.kind}
              value={filter.kind}
              data-testid="media-kind"
              onChange={(event) => apply({ q: text, kind: event.target.value as AssetKind | "" })}
            >
              <option value="">{t("media.kind.all")}</option>
              {FILTER_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`media.kind.${kind}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t("media.searchButton")}</button>
          <small id={ids.hint} className="muted">
            {t("media.searchHint")}
          </small>
        </form>
        <ErrorText error={pages.error} />
        <p className="muted" role="status" data-testid="media-count">
          {pages.loaded
            ? shown.length === 0
              ? searching
                ? t("media.noMatches", { q: filter.q.trim() || t(`media.kind.${filter.kind || "all"}`) })
                : t("media.noAssets")
              : t(pages.more ? "media.countMore" : "media.count", { count: shown.length })
            : ""}
        </p>
        <ul className="asset-grid plain" data-testid="assets">
          {shown.map((asset) => {
            const title = assetTitle(asset, t("media.untitled"));
            const thumb = thumbnailUrl(asset);
            const ready = asset.version.status === "ready";
            return (
              <li
                key={asset.id}
                className={`asset-card${selected === asset.id ? " selected" : ""}`}
                data-testid="asset"
                data-asset-id={asset.id}
              >
                <div className="asset-thumb" aria-hidden="true">
                  {thumb ? <img src={thumb} alt="" loading="lazy" /> : <span>{t(`media.kind.${asset.kind ?? "image"}`)}</span>}
                </div>
                <strong className="asset-title">{title}</strong>
                <span className="muted">{t(`media.kind.${asset.kind ?? "image"}`)}</span>
                <StatusBadge asset={asset} />
                {asset.version.failure_detail && asset.version.status === "failed" ? (
                  <small className="muted">{asset.version.failure_detail.slice(-200)}</small>
                ) : null}
                <button type="button" aria-pressed={selected === asset.id} onClick={() => setSelected(asset.id)}>
                  {t("media.select", { title })}
                </button>
                {asset.kind === "image" && writable ? (
                  <label className="inline">
                    <input
                      type="checkbox"
                      checked={chosen.includes(asset.id)}
                      disabled={!ready && !chosen.includes(asset.id)}
                      onChange={() => toggle(asset.id)}
                    />
                    {t("media.addToGallery", { title })}
                  </label>
                ) : null}
              </li>
            );
          })}
        </ul>
        {pages.more ? (
          <button type="button" disabled={pages.loadingMore} onClick={pages.loadMore} data-testid="media-more">
            {pages.loadingMore ? t("media.loadingMore") : t("media.more")}
          </button>
        ) : null}
      </section>
      {current ? (
        <AssetDetails key={current.id} tenant={tenant} asset={current} writable={writable} onInsert={onInsert} />
      ) : null}
      {writable ? (
        <GalleryBuilder
          tenant={tenant}
          assets={[...known.current.values()]}
          chosen={chosen}
          onChosen={setChosen}
          onInsert={onInsert}
        />
      ) : null}
    </div>
  );
}
