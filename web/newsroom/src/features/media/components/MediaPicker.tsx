/**
 * The editor's media dialog: the story's media (caption and credit per item, lead first,
 * embedding an item again) and the tenant's library (uploads, metadata, galleries), a
 * lazy chunk with its upload and hashing code, loaded only when the dialog opens.
 */
import { lazy, Suspense } from "react";

import { Dialog } from "@/components/Dialog";
import { Loading } from "@/components/Feedback";
import { useMediaI18n } from "../i18n";
import type { Schemas } from "@/lib/api";

import type { Asset } from "../api/media";
import { knownTitle } from "../titles";

type StoryMedia = Schemas["StoryMedia"];

const MediaLibrary = lazy(() => import("./MediaLibrary"));

export function MediaPicker({
  open,
  tenant,
  writable,
  media,
  onClose,
  onChange,
  onInsert,
}: {
  open: boolean;
  tenant: string;
  writable: boolean;
  media: StoryMedia[];
  onClose: () => void;
  onChange: (media: StoryMedia[]) => void;
  onInsert: (assetId: string) => void;
}): React.JSX.Element {
  const { t } = useMediaI18n();
  const edit = (index: number, patch: Partial<StoryMedia>): void =>
    onChange(media.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const insertAsset = (asset: Asset): void => {
    if (!media.some((item) => item.asset_id === asset.id)) {
      onChange([...media, { asset_id: asset.id, caption: "", credit: "", asset_version: 0 }]);
    }
    onInsert(asset.id);
  };
  return (
    <Dialog open={open} title={t("media.library")} onClose={onClose} wide>
      <section className="stack" aria-label={t("media.storyMedia")} data-testid="story-media">
        <h3>{t("media.storyMedia")}</h3>
        {media.length === 0 ? <p>{t("media.none")}</p> : null}
        <ul className="stack plain">
          {media.map((item, index) => (
            <li key={item.asset_id} className="media-item" data-testid="story-media-item" data-asset-id={item.asset_id}>
              <span>{knownTitle(item.asset_id) ?? <code>{item.asset_id}</code>}</span>
              <label className="field">
                <span>{t("media.caption")}</span>
                <input value={item.caption ?? ""} readOnly={!writable} onChange={(event) => edit(index, { caption: event.target.value })} />
              </label>
              <label className="field">
                <span>{t("media.credit")}</span>
                <input value={item.credit ?? ""} readOnly={!writable} onChange={(event) => edit(index, { credit: event.target.value })} />
              </label>
              <button type="button" disabled={!writable} onClick={() => onInsert(item.asset_id)}>
                {t("media.insert")}
              </button>
            </li>
          ))}
        </ul>
      </section>
      {open ? (
        <Suspense fallback={<Loading />}>
          <MediaLibrary tenant={tenant} writable={writable} onInsert={insertAsset} />
        </Suspense>
      ) : null}
      <button type="button" onClick={onClose}>
        {t("common.close")}
      </button>
    </Dialog>
  );
}
