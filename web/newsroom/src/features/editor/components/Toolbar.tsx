import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { type FormEvent, useState } from "react";

import { Dialog } from "@/components/Dialog";
import { useI18n } from "@/i18n";

function ToolButton({
  label,
  active = false,
  onClick,
  disabled = false,
  children,
}: {
  label: string;
  active?: boolean;
  onClick: () => void;
  disabled?: boolean;
  children: React.ReactNode;
}): React.JSX.Element {
  return (
    <button
      type="button"
      className="tool"
      title={label}
      aria-pressed={active}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      <span aria-hidden="true">{children}</span>
      <span className="visually-hidden">{label}</span>
    </button>
  );
}

export function Toolbar({
  editor,
  onInsertMedia,
}: {
  editor: Editor;
  onInsertMedia: () => void;
}): React.JSX.Element {
  const { t } = useI18n();
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState("");
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      quote: e.isActive("blockquote"),
      link: e.isActive("link"),
      table: e.isActive("table"),
    }),
  });
  const chain = () => editor.chain().focus();
  const applyLink = (event: FormEvent): void => {
    event.preventDefault();
    if (href.trim()) chain().extendMarkRange("link").setLink({ href: href.trim() }).run();
    else chain().extendMarkRange("link").unsetLink().run();
    setLinkOpen(false);
  };
  return (
    <div role="toolbar" aria-label={t("editor.toolbar")} className="toolbar">
      <ToolButton label={t("editor.h2")} active={active.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
        H2
      </ToolButton>
      <ToolButton label={t("editor.h3")} active={active.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
        H3
      </ToolButton>
      <ToolButton label={t("editor.bold")} active={active.bold} onClick={() => chain().toggleBold().run()}>
        <strong>B</strong>
      </ToolButton>
      <ToolButton label={t("editor.italic")} active={active.italic} onClick={() => chain().toggleItalic().run()}>
        <em>I</em>
      </ToolButton>
      <ToolButton label={t("editor.bulletList")} active={active.bullet} onClick={() => chain().toggleBulletList().run()}>
        • —
      </ToolButton>
      <ToolButton label={t("editor.orderedList")} active={active.ordered} onClick={() => chain().toggleOrderedList().run()}>
        1.
      </ToolButton>
      <ToolButton label={t("editor.quote")} active={active.quote} onClick={() => chain().toggleBlockquote().run()}>
        “ ”
      </ToolButton>
      <ToolButton
        label={t("editor.link")}
        active={active.link}
        onClick={() => {
          setHref(String(editor.getAttributes("link").href ?? ""));
          setLinkOpen(true);
        }}
      >
        🔗
      </ToolButton>
      <ToolButton
        label={t("editor.table")}
        onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
      >
        ▦
      </ToolButton>
      <ToolButton label={t("editor.addRow")} disabled={!active.table} onClick={() => chain().addRowAfter().run()}>
        +⎯
      </ToolButton>
      <ToolButton label={t("editor.addColumn")} disabled={!active.table} onClick={() => chain().addColumnAfter().run()}>
        +│
      </ToolButton>
      <ToolButton label={t("editor.deleteTable")} disabled={!active.table} onClick={() => chain().deleteTable().run()}>
        ✕▦
      </ToolButton>
      <ToolButton label={t("editor.media")} onClick={onInsertMedia}>
        🖼
      </ToolButton>
      <Dialog open={linkOpen} title={t("editor.link")} onClose={() => setLinkOpen(false)}>
        <form onSubmit={applyLink} className="stack">
          <label className="field">
            <span>{t("editor.linkUrl")}</span>
            <input type="url" value={href} onChange={(event) => setHref(event.target.value)} />
          </label>
          <div className="row">
            <button type="submit" className="primary">
              {t("common.apply")}
            </button>
            <button type="button" onClick={() => setLinkOpen(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
