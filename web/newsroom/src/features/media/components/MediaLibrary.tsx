/**
 * The tenant's media library (a lazy chunk, loaded when the editor opens its media
 * dialog): uploads straight to object storage with a progress bar per file, resumable;
 * the assets with their processing state; the metadata form (alt text and credit are
 * required before an image goes into a story); the gallery builder.
 */
import { useEffect, useId, useRef, useState } from "react";

import { ErrorText } from "@/components/Feedback";
import { useMediaI18n } from "../i18n";
import { useQuery } from "@/lib/query";

import { type Asset, listAssets, thumbnailUrl } from "../api/media";
import { rememberTitle } from "../titles";
import { useUploads } from "../upload/uploader";
import { AssetDetails } from "./AssetDetails";
import { GalleryBuilder } from "./GalleryBuilder";
import { UploadPanel } from "./UploadPanel";

export interface LibraryProps {
  tenant: string;
  writable: boolean;
  /** Puts the asset into the story's body and media list. */
  onInsert: (asset: Asset) => void;
}

const BUSY = new Set(["uploading", "verifying", "processing"]);

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

export default function MediaLibrary({ tenant, writable, onInsert }: LibraryProps): React.JSX.Element {
  const { t } = useMediaI18n();
  const key = `assets:${tenant}`;
  const assets = useQuery(key, () => listAssets(tenant));
  const uploads = useUploads(tenant);
  const [selected, setSelected] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const headingId = useId();
  const reload = useRef(assets.reload);
  reload.current = assets.reload;

  const items = assets.data ?? [];
  for (const asset of items) rememberTitle(asset.id, assetTitle(asset, asset.id));
  const busy = items.some((asset) => BUSY.has(asset.version.status ?? ""));
  // Processing is followed by polling the list while anything is on its way to READY.
  useEffect(() => {
    if (!busy) return undefined;
    const timer = setTimeout(() => reload.current(), 1500);
    return () => clearTimeout(timer);
  }, [busy, assets.data]);

  const current = items.find((asset) => asset.id === selected) ?? null;
  const toggle = (id: string): void =>
    setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));

  return (
    <div className="media-library stack" data-testid="media-library">
      {writable ? <UploadPanel uploads={uploads} /> : null}
      <section aria-labelledby={headingId} className="stack">
        <h3 id={headingId}>{t("media.assets")}</h3>
        <ErrorText error={assets.error} />
        {assets.data && items.length === 0 ? <p>{t("media.noAssets")}</p> : null}
        <ul className="asset-grid plain" data-testid="assets">
          {items
            .filter((asset) => asset.kind !== "subtitles")
            .map((asset) => {
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
      </section>
      {current ? (
        <AssetDetails
          key={current.id}
          tenant={tenant}
          asset={current}
          writable={writable}
          onInsert={onInsert}
        />
      ) : null}
      {writable ? (
        <GalleryBuilder
          tenant={tenant}
          assets={items}
          chosen={chosen}
          onChosen={setChosen}
          onInsert={onInsert}
        />
      ) : null}
    </div>
  );
}
