import { useEffect, useRef, useState } from "react";

import { ErrorText, Loading } from "@/components/Feedback";
import { useSession } from "@/features/auth/hooks/useSession";
import { canReview, canWrite, isBoard, isDesk } from "@/features/auth/permissions";
import { getRevision } from "@/features/stories/api/stories";
import { StatusBadge } from "@/features/stories/components/StatusBadge";
import { useI18n } from "@/i18n";
import type { Story } from "@/lib/api";
import { formatDateTime } from "@/lib/dates";
import { invalidate, useQuery } from "@/lib/query";

import { getTakedown, getWorkflow, listComments } from "../api/workflow";
import { previewUrl } from "../preview";
import { rangeAt, useTextSelection } from "../hooks/useTextSelection";
import { ReviewActions } from "./ReviewActions";
import { Comments } from "./Comments";
import { TakedownReport } from "./TakedownReport";

export default function ReviewPanel({ story }: { story: Story }): React.JSX.Element {
  const { t } = useI18n();
  const session = useSession();
  const key = `${session.tenant}:${story.id}`;
  const workflow = useQuery(`workflow:${key}`, () => getWorkflow(session.tenant, story.id));
  const reviewed = workflow.data?.revision || story.current_revision;
  const revision = useQuery(`revision:${key}:${reviewed}`, () =>
    getRevision(session.tenant, story.id, reviewed),
  );
  const comments = useQuery(`comments:${key}`, () => listComments(session.tenant, story.id));
  // The workflow is editorial's own record; the story's status is content's copy of it,
  // updated from editorial events a moment later.
  const retracted = workflow.data?.state === "retracted" || story.status === "retracted";
  const takedown = useQuery(retracted ? `takedown:${key}` : null, () =>
    getTakedown(session.tenant, story.id),
  );
  const body = useRef<HTMLDivElement>(null);
  const { passage, clear } = useTextSelection(body);
  const [focused, setFocused] = useState<string | null>(null);

  // Anchored comments are highlighted in place (CSS Custom Highlight API: no DOM rewrite).
  useEffect(() => {
    const root = body.current;
    if (!root || !comments.data || !("highlights" in CSS)) return;
    const ranges = comments.data
      .filter((c) => c.anchor && c.anchor.field === "body_html" && !c.resolved)
      .map((c) => rangeAt(root, c.anchor?.start_offset ?? 0, c.anchor?.end_offset ?? 0))
      .filter((r): r is Range => r !== null);
    CSS.highlights.set("comment-anchor", new Highlight(...ranges));
    return () => {
      CSS.highlights.delete("comment-anchor");
    };
  }, [comments.data, revision.data]);

  const w = workflow.data;
  const stageRole = w?.stages[w.current_stage]?.role ?? null;
  const isAuthor = (w?.author_id || story.author?.user_id) === session.me.user_id;
  const reload = (): void => {
    invalidate(`workflow:${key}`);
    invalidate(`story:${key}`);
    invalidate(`queue:${session.tenant}`);
    invalidate(`audit:${session.tenant}`);
    invalidate(`takedown:${key}`);
  };

  const preview = previewUrl(session.tenant, story.id, reviewed);
  return (
    <div className="review-layout">
      <section aria-labelledby="reviewed-heading" className="review-body">
        <h2 id="reviewed-heading">
          {t("review.reviewing", { revision: reviewed })}
        </h2>
        {preview ? (
          <p>
            <a
              href={preview}
              target="_blank"
              rel="noopener"
              data-testid="review-preview-link"
            >
              {t("review.previewThis")}
            </a>
          </p>
        ) : null}
        {story.current_revision > reviewed ? (
          <p className="notice">{t("review.newerRevision", { revision: story.current_revision })}</p>
        ) : null}
        <ErrorText error={revision.error} />
        {revision.data ? (
          <>
            <p className="lede">{revision.data.summary}</p>
            <div
              ref={body}
              className="prose rendered"
              data-testid="review-body"
              // body_html is sanitised by the content service (article markup only)
              dangerouslySetInnerHTML={{ __html: revision.data.body_html }}
            />
          </>
        ) : (
          <Loading />
        )}
        {focused ? <p className="visually-hidden" aria-live="polite">{focused}</p> : null}
      </section>
      <aside className="review-side stack" aria-label={t("review.panel")}>
        <section aria-labelledby="workflow-heading">
          <h2 id="workflow-heading">{t("review.workflow")}</h2>
          <ErrorText error={workflow.error} />
          {workflow.loading && !w ? <Loading /> : null}
          {w ? (
            <>
              <p>
                <StatusBadge status={w.state ?? null} />{" "}
                {w.frozen_hold ? <span className="tag danger">{t("freeze.held")}</span> : null}
              </p>
              {w.scheduled_at ? (
                <p>
                  {t(w.embargo_until ? "review.embargoedUntil" : "review.scheduledFor", {
                    time: formatDateTime(w.scheduled_at),
                  })}
                </p>
              ) : null}
              <ol className="stages">
                {w.stages.map((stage, index) => {
                  const decision = w.decisions.filter((d) => d.stage === index).at(-1);
                  return (
                    <li key={index} className={index === w.current_stage ? "current" : ""}>
                      <strong>{stage.name || t(`role.${stage.role}`)}</strong>
                      {decision ? (
                        <span>
                          {" — "}
                          {t(`decision.${decision.decision ?? "approved"}`)} ·{" "}
                          {decision.decided_by?.display_name} · {formatDateTime(decision.decided_at)}
                          {decision.comment ? <q>{decision.comment}</q> : null}
                        </span>
                      ) : index === w.current_stage && ["in_review", "submitted"].includes(w.state ?? "") ? (
                        <span> — {t("review.awaiting")}</span>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            </>
          ) : workflow.data === null ? (
            <p>{t("review.notSubmitted")}</p>
          ) : null}
        </section>
        <ReviewActions
          story={story}
          workflow={w ?? null}
          reviewedRevision={reviewed}
          canDecide={canReview(session, stageRole) && !isAuthor}
          isAuthor={isAuthor}
          writer={canWrite(session)}
          desk={isDesk(session)}
          board={isBoard(session)}
          onDone={reload}
        />
        {takedown.data ? <TakedownReport takedown={takedown.data} /> : null}
        <Comments
          story={story}
          revision={reviewed}
          comments={comments.data ?? []}
          passage={passage}
          onClearPassage={clear}
          onFocus={(comment) => {
            const root = body.current;
            const anchor = comment.anchor;
            if (!root || !anchor) return;
            const range = rangeAt(root, anchor.start_offset ?? 0, anchor.end_offset ?? 0);
            range?.startContainer.parentElement?.scrollIntoView({ block: "center" });
            setFocused(anchor.quote ?? "");
          }}
          onChanged={() => invalidate(`comments:${key}`)}
        />
      </aside>
    </div>
  );
}
