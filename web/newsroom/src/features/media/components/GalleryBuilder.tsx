/**
 * A gallery from the chosen images: a title, the order (Up/Down buttons, or Alt+↑/↓ on an
 * item: never drag only), a caption per image; saved through the gateway's gallery routes
 * (create, then each later save is the gallery's next version) and embedded like any asset.
 */
import { useEffect, useId, useRef, useState } from "react";

import { ErrorText } from "@/components/Feedback";
import { useMediaI18n } from "../i18n";
import { invalidate } from "@/lib/query";

import { type Asset, createGallery, updateGallery } from "../api/media";
import { assetTitle } from "./MediaLibrary";

export function GalleryBuilder({
  tenant,
  assets,
  chosen,
  onChosen,
  onInsert,
}: {
  tenant: string;
  assets: Asset[];
  chosen: string[];
  onChosen: (ids: string[]) => void;
  /** Absent on the library screen: the gallery is saved, not inserted. */
  onInsert?: ((asset: Asset) => void) | undefined;
}): React.JSX.Element {
  const { t } = useMediaI18n();
  const ids = { heading: useId(), title: useId(), list: useId() };
  const [title, setTitle] = useState("");
  const [captions, setCaptions] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Asset | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [announce, setAnnounce] = useState("");
  const [saving, setSaving] = useState(false);
  const focusAfterMove = useRef<string | null>(null);
  const itemRefs = useRef(new Map<string, HTMLLIElement>());

  const byId = new Map(assets.map((asset) => [asset.id, asset]));
  const nameOf = (id: string): string => {
    const asset = byId.get(id);
    return asset ? assetTitle(asset, t("media.untitled")) : id;
  };

  useEffect(() => {
    const id = focusAfterMove.current;
    if (id) {
      focusAfterMove.current = null;
      itemRefs.current.get(id)?.focus();
    }
  });

  const move = (index: number, by: -1 | 1): void => {
    const target = index + by;
    if (target < 0 || target >= chosen.length) return;
    const next = [...chosen];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(target, 0, item);
    onChosen(next);
    focusAfterMove.current = item;
    setAnnounce(t("media.moved", { title: nameOf(item), position: target + 1, total: next.length }));
  };

  const save = async (): Promise<void> => {
    setSaving(true);
    setError(null);
    const items = chosen.map((id) => ({
      asset_id: id,
      asset_version: 0,
      caption: { vi: (captions[id] ?? "").trim(), en: "" },
    }));
    try {
      const gallery = saved
        ? await updateGallery(tenant, saved.id, items)
        : await createGallery(tenant, { title: { vi: title.trim(), en: "" } }, items);
      setSaved(gallery);
      invalidate(`assets:${tenant}`);
    } catch (reason) {
      setError(reason as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="gallery-builder stack" aria-labelledby={ids.heading} data-testid="gallery-builder">
      <h3 id={ids.heading}>{t("media.gallery")}</h3>
      <p className="muted">
        {t("media.galleryHint")} {t("media.galleryNeedsReady")}
      </p>
      <label className="field">
        <span>{t("media.galleryTitle")}</span>
        <input id={ids.title} name="gallery-title" value={title} readOnly={saved !== null} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <h4 id={ids.list}>{t("media.galleryItems")}</h4>
      <ol className="gallery-items plain stack" aria-labelledby={ids.list} data-testid="gallery-items">
        {chosen.map((id, index) => {
          const name = nameOf(id);
          return (
            <li
              key={id}
              ref={(node) => {
                if (node) itemRefs.current.set(id, node);
                else itemRefs.current.delete(id);
              }}
              tabIndex={-1}
              className="gallery-item"
              data-testid="gallery-item"
              data-asset-id={id}
              aria-label={t("media.galleryItem", { position: index + 1, title: name })}
              onKeyDown={(event) => {
                if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
                  event.preventDefault();
                  move(index, event.key === "ArrowUp" ? -1 : 1);
                }
              }}
            >
              <span className="gallery-position">{index + 1}.</span>
              <strong>{name}</strong>
              <label className="field">
                <span>{t("media.galleryCaption", { position: index + 1 })}</span>
                <input
                  value={captions[id] ?? ""}
                  onChange={(event) => setCaptions((c) => ({ ...c, [id]: event.target.value }))}
                />
              </label>
              <div className="row">
                <button type="button" disabled={index === 0} onClick={() => move(index, -1)}>
                  {t("media.moveUp", { title: name })}
                </button>
                <button type="button" disabled={index === chosen.length - 1} onClick={() => move(index, 1)}>
                  {t("media.moveDown", { title: name })}
                </button>
                <button type="button" onClick={() => onChosen(chosen.filter((x) => x !== id))}>
                  {t("media.removeItem", { title: name })}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      <ErrorText error={error} />
      {saved ? (
        <p role="status" data-testid="gallery-saved" data-asset-id={saved.id}>
          {t("media.gallerySaved", { version: saved.current_version })}
        </p>
      ) : null}
      <div className="row">
        <button type="button" disabled={chosen.length === 0 || saving} onClick={() => void save()}>
          {t("media.saveGallery")}
        </button>
        {saved && onInsert ? (
          <button type="button" className="primary" onClick={() => onInsert(saved)}>
            {t("media.insertGallery")}
          </button>
        ) : null}
      </div>
    </section>
  );
}
