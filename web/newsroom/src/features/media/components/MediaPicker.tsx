/**
 * The story's media: caption and credit per item, lead first, and embedding an item in
 * the body. Uploading and browsing the tenant's library come with the media-asset
 * service (issue 9); until then the list holds what the story already carries.
 */
import { Dialog } from "@/components/Dialog";
import { useI18n } from "@/i18n";
import type { Schemas } from "@/lib/api";

type StoryMedia = Schemas["StoryMedia"];

export function MediaPicker({
  open,
  media,
  onClose,
  onChange,
  onInsert,
}: {
  open: boolean;
  media: StoryMedia[];
  onClose: () => void;
  onChange: (media: StoryMedia[]) => void;
  onInsert: (assetId: string) => void;
}): React.JSX.Element {
  const { t } = useI18n();
  const edit = (index: number, patch: Partial<StoryMedia>): void =>
    onChange(media.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  return (
    <Dialog open={open} title={t("media.storyMedia")} onClose={onClose} wide>
      <p className="muted">{t("media.libraryPending")}</p>
      {media.length === 0 ? <p>{t("media.none")}</p> : null}
      <ul className="stack plain">
        {media.map((item, index) => (
          <li key={item.asset_id} className="media-item">
            <code>{item.asset_id}</code>
            <label className="field">
              <span>{t("media.caption")}</span>
              <input value={item.caption ?? ""} onChange={(event) => edit(index, { caption: event.target.value })} />
            </label>
            <label className="field">
              <span>{t("media.credit")}</span>
              <input value={item.credit ?? ""} required onChange={(event) => edit(index, { credit: event.target.value })} />
            </label>
            <button type="button" disabled={!item.credit} onClick={() => onInsert(item.asset_id)}>
              {t("media.insert")}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        {t("common.close")}
      </button>
    </Dialog>
  );
}
