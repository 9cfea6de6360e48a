/**
 * The writing screen (a lazy chunk: Tiptap and ProseMirror load only here). Headline,
 * sapo, byline, section, tags, type and visibility beside a ProseMirror body with
 * headings, lists, quotes, links, tables and media embeds. ProseMirror reads IME
 * composition (Telex/VNI) from the DOM itself; the app only keeps autosave out of a
 * composition so a save never lands half a syllable.
 */
import { TableKit } from "@tiptap/extension-table";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useMemo, useRef, useState } from "react";

import { ErrorText } from "@/components/Feedback";
import { useSession } from "@/features/auth/hooks/useSession";
import { canWrite } from "@/features/auth/permissions";
import { MediaPicker } from "@/features/media/components/MediaPicker";
import { knownTitle } from "@/features/media/titles";
import { submit } from "@/features/review/api/workflow";
import { listSections } from "@/features/stories/api/stories";
import { useI18n } from "@/i18n";
import type { Story, StoryType, Visibility } from "@/lib/api";
import { formatTime } from "@/lib/dates";
import { markOnce } from "@/lib/perf";
import { invalidate, useQuery } from "@/lib/query";
import { navigate } from "@/lib/router";

import { MediaEmbed } from "../extensions/mediaEmbed";
import { useAutosave } from "../hooks/useAutosave";
import { ConflictView } from "./ConflictView";
import { Toolbar } from "./Toolbar";

const TYPES: StoryType[] = ["news", "feature", "gallery", "video", "opinion", "official_statement"];

function SaveStatus({ state }: { state: ReturnType<typeof useAutosave>["state"] }): React.JSX.Element {
  const { t } = useI18n();
  const text =
    state.kind === "saved"
      ? t("autosave.saved", { time: formatTime(state.at), revision: state.revision })
      : t(`autosave.${state.kind}`);
  return (
    <p className={`save-status save-${state.kind}`} role="status" aria-live="polite" data-testid="save-status" data-state={state.kind}>
      {text}
    </p>
  );
}

export default function StoryEditor({ story }: { story: Story }): React.JSX.Element {
  const { t } = useI18n();
  const session = useSession();
  const autosave = useAutosave(session.tenant, story);
  const { fields, update } = autosave;
  const sections = useQuery(`sections:${session.tenant}`, () => listSections(session.tenant));
  const [pickerOpen, setPickerOpen] = useState(false);
  const [tagsText, setTagsText] = useState(fields.tags.join(", "));
  const [submitError, setSubmitError] = useState<Error | null>(null);
  const updateRef = useRef(update);
  updateRef.current = update;
  const mediaById = useRef(new Map(fields.media.map((m) => [m.asset_id, m])));
  mediaById.current = new Map(fields.media.map((m) => [m.asset_id, m]));
  const writable = canWrite(session) && !["published", "corrected", "retracted"].includes(story.status ?? "");

  // The editor's options stay the same objects from render to render: Tiptap compares
  // them on every render (each keystroke renders this screen) and, when they differ,
  // pushes them into ProseMirror's view again, which on a 5,000-word story blocks typing
  // and the autosave round trip behind it.
  const tRef = useRef(t);
  tRef.current = t;
  const setComposing = useRef(autosave.setComposing);
  setComposing.current = autosave.setComposing;
  const extensions = useMemo(
    () => [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        link: { openOnClick: false, autolink: true, defaultProtocol: "https" },
      }),
      TableKit.configure({ table: { resizable: false } }),
      MediaEmbed.configure({
        describe: (assetId) => {
          const media = mediaById.current.get(assetId);
          return `${tRef.current("editor.embed")}: ${media?.caption || knownTitle(assetId) || assetId}`;
        },
      }),
    ],
    [],
  );
  const bodyLabel = t("story.body");
  const editorProps = useMemo(
    () => ({
      attributes: {
        class: "prose",
        "aria-label": bodyLabel,
        "aria-multiline": "true",
        role: "textbox",
        "data-testid": "body-editor",
      },
      handleDOMEvents: {
        compositionstart: () => {
          setComposing.current(true);
          return false;
        },
        compositionend: () => {
          setComposing.current(false);
          return false;
        },
      },
    }),
    [bodyLabel],
  );
  const [initialBody] = useState(fields.body_html);

  const editor = useEditor({
    extensions,
    content: initialBody,
    editable: writable,
    editorProps,
    onUpdate: ({ editor: e }) => updateRef.current({ body_html: e.getHTML() }),
    onCreate: () => markOnce("editor-ready"),
  });

  // After "take theirs" or restoring a kept version, the body is replaced once.
  useEffect(() => {
    if (autosave.bodyVersion > 0 && editor) {
      editor.commands.setContent(autosave.fields.body_html, { emitUpdate: false });
    }
    setTagsText(autosave.fields.tags.join(", "));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new body is loaded
  }, [autosave.bodyVersion]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void autosave.saveNow("explicit");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [autosave]);

  const onSubmit = async (): Promise<void> => {
    setSubmitError(null);
    try {
      await autosave.saveNow("explicit");
      const latest = autosave.currentRevision();
      await submit(session.tenant, story.id, latest);
      invalidate(`story:${session.tenant}:${story.id}`);
      invalidate(`workflow:${session.tenant}:${story.id}`);
      navigate(`/t/${session.tenant}/stories/${story.id}/review`);
    } catch (error) {
      setSubmitError(error as Error);
    }
  };

  // The toolbar and the body are the same elements across renders: a keystroke or a save
  // state renders the form around them, and React leaves the 5,000-word body alone.
  const body = useMemo(
    () => (
      <>
        {editor ? <Toolbar editor={editor} onInsertMedia={() => setPickerOpen(true)} /> : null}
        <EditorContent editor={editor} className="editor" aria-labelledby="body-label" />
      </>
    ),
    [editor],
  );

  const canSubmit = writable && ["draft", "changes_requested"].includes(story.status ?? "draft");

  return (
    <div className="editor-layout">
      <form className="stack story-form" onSubmit={(event) => event.preventDefault()} aria-label={t("editor.form")}>
        <div className="row spread">
          <SaveStatus state={autosave.state} />
          <div className="row">
            <button type="button" onClick={() => void autosave.saveNow("explicit")} disabled={!writable}>
              {t("editor.save")}
            </button>
            {canSubmit ? (
              <button type="button" className="primary" onClick={() => void onSubmit()}>
                {t("review.submit")}
              </button>
            ) : null}
          </div>
        </div>
        <ErrorText error={submitError ?? (autosave.state.kind === "error" ? autosave.state.error : null)} />
        {autosave.state.kind === "conflict" ? (
          <ConflictView
            mine={autosave.state.mine}
            theirs={autosave.state.theirs}
            onKeepMine={() => void autosave.keepMine()}
            onTakeTheirs={autosave.takeTheirs}
          />
        ) : null}
        {autosave.recovered ? (
          <div className="notice" role="region" aria-label={t("conflict.recoveredTitle")}>
            <p>{t("conflict.recovered")}</p>
            <button type="button" onClick={autosave.restoreRecovered}>
              {t("conflict.restoreMine")}
            </button>
          </div>
        ) : null}
        <label className="field">
          <span>{t("story.headline")}</span>
          <input
            name="headline"
            required
            maxLength={500}
            value={fields.headline}
            readOnly={!writable}
            onChange={(event) => update({ headline: event.target.value })}
          />
        </label>
        <label className="field">
          <span>{t("story.summary")}</span>
          <textarea
            name="summary"
            rows={3}
            value={fields.summary}
            readOnly={!writable}
            onChange={(event) => update({ summary: event.target.value })}
          />
        </label>
        <div className="grid-3">
          <label className="field">
            <span>{t("story.byline")}</span>
            <input name="byline" value={fields.byline} readOnly={!writable} onChange={(event) => update({ byline: event.target.value })} />
          </label>
          <label className="field">
            <span>{t("story.section")}</span>
            <select
              name="section"
              value={fields.section_id ?? ""}
              disabled={!writable}
              onChange={(event) => update({ section_id: event.target.value || null })}
            >
              <option value="">{t("story.noSection")}</option>
              {(sections.data?.items ?? []).map((section) => (
                <option key={section.id} value={section.id}>
                  {section.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t("story.type")}</span>
            <select name="type" value={fields.type} disabled={!writable} onChange={(event) => update({ type: event.target.value as StoryType })}>
              {TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`type.${type}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="grid-2">
          <label className="field">
            <span>{t("story.tags")}</span>
            <input
              name="tags"
              value={tagsText}
              readOnly={!writable}
              aria-describedby="tags-hint"
              onChange={(event) => {
                setTagsText(event.target.value);
                update({
                  tags: event.target.value
                    .split(",")
                    .map((tag) => tag.trim())
                    .filter(Boolean),
                });
              }}
            />
            <small id="tags-hint">{t("story.tagsHint")}</small>
          </label>
          <fieldset className="field">
            <legend>{t("story.visibility")}</legend>
            {(["public", "internal"] as Visibility[]).map((visibility) => (
              <label key={visibility} className="inline">
                <input
                  type="radio"
                  name="visibility"
                  value={visibility}
                  checked={fields.visibility === visibility}
                  disabled={!writable}
                  onChange={() => update({ visibility })}
                />{" "}
                {t(`visibility.${visibility}`)}
              </label>
            ))}
          </fieldset>
        </div>
        <div className="field">
          <span id="body-label">{t("story.body")}</span>
          {body}
        </div>
      </form>
      <MediaPicker
        open={pickerOpen}
        tenant={session.tenant}
        writable={writable}
        media={fields.media}
        onClose={() => setPickerOpen(false)}
        onChange={(media) => update({ media })}
        onInsert={(assetId) => {
          editor?.chain().focus().insertMediaEmbed(assetId).run();
          setPickerOpen(false);
        }}
      />
    </div>
  );
}
