/**
 * Two versions side by side, word by word: removed words marked on the left, added words
 * on the right (<del>/<ins>, so the change is read out, not only coloured).
 */
import { diffWordsWithSpace } from "diff";

import { useI18n } from "@/i18n";

const BLOCKS = "p,h1,h2,h3,h4,h5,h6,li,blockquote,figure,tr,pre,caption";

/** Body HTML as readable text: one line per block, media embeds named. */
export function htmlToText(html: string): string {
  if (!html) return "";
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  doc.querySelectorAll("figure[data-media-asset]").forEach((figure) => {
    figure.textContent = `[media ${figure.getAttribute("data-media-asset") ?? ""}]`;
  });
  doc.querySelectorAll(BLOCKS).forEach((block) => block.append("\n"));
  doc.querySelectorAll("td,th").forEach((cell) => cell.append(" | "));
  return (doc.body.textContent ?? "").replace(/\n{3,}/g, "\n\n").trim();
}

export function textOf(field: string, value: string): string {
  return field === "body_html" ? htmlToText(value) : value;
}

export function SideBySideDiff({
  field,
  label,
  left,
  right,
  leftTitle,
  rightTitle,
}: {
  field: string;
  label: string;
  left: string;
  right: string;
  leftTitle: string;
  rightTitle: string;
}): React.JSX.Element {
  const { t } = useI18n();
  const parts = diffWordsWithSpace(textOf(field, left), textOf(field, right));
  return (
    <section className="diff" data-testid={`diff-${field}`} aria-label={label}>
      <h3>{label}</h3>
      <div className="diff-columns">
        <div className="diff-side">
          <h4>{leftTitle}</h4>
          <p className="diff-text">
            {parts.map((part, index) =>
              part.added ? null : part.removed ? (
                <del key={index} title={t("diff.removed")}>
                  {part.value}
                </del>
              ) : (
                <span key={index}>{part.value}</span>
              ),
            )}
          </p>
        </div>
        <div className="diff-side">
          <h4>{rightTitle}</h4>
          <p className="diff-text">
            {parts.map((part, index) =>
              part.removed ? null : part.added ? (
                <ins key={index} title={t("diff.added")}>
                  {part.value}
                </ins>
              ) : (
                <span key={index}>{part.value}</span>
              ),
            )}
          </p>
        </div>
      </div>
    </section>
  );
}

export const DIFF_FIELDS = [
  "headline",
  "summary",
  "byline",
  "body_html",
  "slugline",
  "tags",
  "section_id",
  "type",
  "visibility",
] as const;

export type DiffField = (typeof DIFF_FIELDS)[number];

export function fieldText(value: unknown): string {
  if (Array.isArray(value)) return value.join(", ");
  if (value === null || value === undefined) return "";
  return String(value);
}
