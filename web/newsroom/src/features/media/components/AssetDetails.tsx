/**
 * An asset's metadata (title, caption, credit, alt text in Vietnamese and English,
 * licence) and "insert into the story": refused with inline errors until an image has alt
 * text and any asset has a credit (the media service refuses to publish an image without
 * alt text; the newsroom wants a credit on everything it shows).
 */
import { useId, useState } from "react";

import { ErrorText } from "@/components/Feedback";
import { useMediaI18n } from "../i18n";
import { invalidate } from "@/lib/query";

import { type Asset, type AssetMetadata, missingForUse, thumbnailUrl, updateMetadata } from "../api/media";
import { assetTitle, StatusBadge } from "./MediaLibrary";

interface Form {
  titleVi: string;
  titleEn: string;
  captionVi: string;
  captionEn: string;
  credit: string;
  altVi: string;
  altEn: string;
  licence: string;
}

const formOf = (m: AssetMetadata): Form => ({
  titleVi: m.title?.vi ?? "",
  titleEn: m.title?.en ?? "",
  captionVi: m.caption?.vi ?? "",
  captionEn: m.caption?.en ?? "",
  credit: m.credit ?? "",
  altVi: m.alt_text?.vi ?? "",
  altEn: m.alt_text?.en ?? "",
  licence: m.licence ?? "",
});

const metadataOf = (f: Form, before: AssetMetadata): AssetMetadata => ({
  title: { vi: f.titleVi.trim(), en: f.titleEn.trim() },
  caption: { vi: f.captionVi.trim(), en: f.captionEn.trim() },
  credit: f.credit.trim(),
  alt_text: { vi: f.altVi.trim(), en: f.altEn.trim() },
  licence: f.licence.trim(),
  captured_at: before.captured_at ?? null,
});

export function AssetDetails({
  tenant,
  asset,
  writable,
  onInsert,
}: {
  tenant: string;
  asset: Asset;
  writable: boolean;
  /** Absent on the library screen: there is no story to insert into. */
  onInsert?: ((asset: Asset) => void) | undefined;
}): React.JSX.Element {
  const { t } = useMediaI18n();
  const [form, setForm] = useState<Form>(() => formOf(asset.metadata));
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = { heading: useId(), alt: useId(), credit: useId(), altHint: useId() };
  const metadata = metadataOf(form, asset.metadata);
  const missing = missingForUse(metadata, asset.kind);
  const thumb = thumbnailUrl(asset);
  const title = assetTitle(asset, t("media.untitled"));

  const set =
    (field: keyof Form) =>
    (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>): void => {
      setForm((f) => ({ ...f, [field]: event.target.value }));
      setMessage(null);
    };

  const save = async (): Promise<Asset | null> => {
    setSaving(true);
    setError(null);
    try {
      const saved = await updateMetadata(tenant, asset.id, metadata);
      invalidate(`assets:${tenant}`);
      return saved;
    } catch (reason) {
      setError(reason as Error);
      return null;
    } finally {
      setSaving(false);
    }
  };

  const onSave = async (): Promise<void> => {
    if (await save()) setMessage(t("media.saved"));
  };

  const onInsertClick = async (): Promise<void> => {
    setTried(true);
    setMessage(null);
    if (missing.alt || missing.credit) return;
    const saved = await save();
    if (saved && onInsert) {
      onInsert(saved);
      setMessage(t("media.inserted"));
    }
  };

  const showAlt = tried && missing.alt;
  const showCredit = tried && missing.credit;
  const image = asset.kind === "image";

  return (
    <section className="asset-details stack" aria-labelledby={ids.heading} data-testid="asset-details">
      <h3 id={ids.heading}>
        {t("media.details")}: {title}
      </h3>
      <div className="row">
        {thumb ? <img className="asset-preview" src={thumb} alt={metadata.alt_text?.vi || metadata.alt_text?.en || ""} /> : null}
        <StatusBadge asset={asset} />
      </div>
      <form className="stack" onSubmit={(event) => event.preventDefault()} aria-labelledby={ids.heading}>
        <div className="grid-2">
          <label className="field">
            <span>{t("media.titleVi")}</span>
            <input name="title-vi" value={form.titleVi} readOnly={!writable} onChange={set("titleVi")} />
          </label>
          <label className="field">
            <span>{t("media.titleEn")}</span>
            <input name="title-en" lang="en" value={form.titleEn} readOnly={!writable} onChange={set("titleEn")} />
          </label>
          <label className="field">
            <span>{t("media.captionVi")}</span>
            <textarea name="caption-vi" rows={2} value={form.captionVi} readOnly={!writable} onChange={set("captionVi")} />
          </label>
          <label className="field">
            <span>{t("media.captionEn")}</span>
            <textarea name="caption-en" lang="en" rows={2} value={form.captionEn} readOnly={!writable} onChange={set("captionEn")} />
          </label>
        </div>
        <label className="field">
          <span>{t("media.creditRequired")}</span>
          <input
            name="credit"
            value={form.credit}
            readOnly={!writable}
            required
            aria-invalid={showCredit}
            aria-describedby={showCredit ? ids.credit : undefined}
            onChange={set("credit")}
          />
          {showCredit ? (
            <small id={ids.credit} className="error" data-testid="credit-error">
              {t("media.creditMissing")}
            </small>
          ) : null}
        </label>
        {image ? (
          <fieldset className="field">
            <legend>{t("media.altText")}</legend>
            <small id={ids.altHint}>{t("media.altHint")}</small>
            <div className="grid-2">
              <label className="field">
                <span>{t("media.altVi")}</span>
                <textarea
                  name="alt-vi"
                  rows={2}
                  value={form.altVi}
                  readOnly={!writable}
                  aria-invalid={showAlt}
                  aria-describedby={showAlt ? `${ids.altHint} ${ids.alt}` : ids.altHint}
                  onChange={set("altVi")}
                />
              </label>
              <label className="field">
                <span>{t("media.altEn")}</span>
                <textarea
                  name="alt-en"
                  lang="en"
                  rows={2}
                  value={form.altEn}
                  readOnly={!writable}
                  aria-invalid={showAlt}
                  aria-describedby={showAlt ? `${ids.altHint} ${ids.alt}` : ids.altHint}
                  onChange={set("altEn")}
                />
              </label>
            </div>
            {showAlt ? (
              <small id={ids.alt} className="error" data-testid="alt-error">
                {t("media.altMissing")}
              </small>
            ) : null}
          </fieldset>
        ) : null}
        <label className="field">
          <span>{t("media.licence")}</span>
          <input name="licence" value={form.licence} readOnly={!writable} onChange={set("licence")} />
        </label>
        <ErrorText error={error} />
        {message ? (
          <p className="muted" role="status">
            {message}
          </p>
        ) : null}
        {writable ? (
          <div className="row">
            <button type="button" disabled={saving} onClick={() => void onSave()}>
              {t("media.saveDetails")}
            </button>
            {onInsert ? (
              <button type="button" className="primary" disabled={saving} onClick={() => void onInsertClick()}>
                {t("media.insert")}
              </button>
            ) : null}
          </div>
        ) : null}
      </form>
    </section>
  );
}
