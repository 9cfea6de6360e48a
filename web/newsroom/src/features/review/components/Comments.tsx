import { type FormEvent, useState } from "react";

import { ErrorText } from "@/components/Feedback";
import { useSession } from "@/features/auth/hooks/useSession";
import { useI18n } from "@/i18n";
import type { Comment, Story } from "@/lib/api";
import { formatDateTime } from "@/lib/dates";

import { addComment, resolveComment } from "../api/workflow";
import type { Passage } from "../hooks/useTextSelection";

export function Comments({
  story,
  revision,
  comments,
  passage,
  onClearPassage,
  onFocus,
  onChanged,
}: {
  story: Story;
  revision: number;
  comments: Comment[];
  passage: Passage | null;
  onClearPassage: () => void;
  onFocus: (comment: Comment) => void;
  onChanged: () => void;
}): React.JSX.Element {
  const { t } = useI18n();
  const { tenant } = useSession();
  const [text, setText] = useState("");
  const [anchored, setAnchored] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!text.trim()) return;
    try {
      await addComment(tenant, story.id, {
        revision,
        body: text.trim(),
        anchor:
          passage && anchored
            ? {
                field: "body_html",
                quote: passage.quote,
                start_offset: passage.start,
                end_offset: passage.end,
              }
            : null,
      });
      setText("");
      onClearPassage();
      onChanged();
    } catch (caught) {
      setError(caught as Error);
    }
  };
  return (
    <section aria-labelledby="comments-heading" className="stack">
      <h2 id="comments-heading">{t("comments.title")}</h2>
      <ul className="plain stack" data-testid="comments">
        {comments.map((comment) => (
          <li key={comment.id} className={comment.resolved ? "comment resolved" : "comment"}>
            <p className="muted">
              {comment.author?.display_name} · {formatDateTime(comment.created_at)} ·{" "}
              {t("story.revisionOf", { revision: comment.revision })}
            </p>
            {comment.anchor?.quote ? (
              <button type="button" className="link" onClick={() => onFocus(comment)}>
                <q data-testid="comment-quote">{comment.anchor.quote}</q>
              </button>
            ) : null}
            <p>{comment.body}</p>
            {!comment.resolved ? (
              <button
                type="button"
                onClick={() => void resolveComment(tenant, story.id, comment.id).then(onChanged)}
              >
                {t("comments.resolve")}
              </button>
            ) : (
              <p className="muted">{t("comments.resolved")}</p>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => void submit(event)} className="stack">
        {passage ? (
          <label className="inline">
            <input type="checkbox" checked={anchored} onChange={(event) => setAnchored(event.target.checked)} />{" "}
            {t("comments.anchorTo")} <q>{passage.quote}</q>
          </label>
        ) : (
          <p className="muted">{t("comments.selectHint")}</p>
        )}
        <label className="field">
          <span>{t("comments.new")}</span>
          <textarea rows={3} value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <ErrorText error={error} />
        <button type="submit">{t("comments.add")}</button>
      </form>
    </section>
  );
}
