/**
 * The actions a person may take on a story now: shown by role and state, decided by the
 * gateway and the editorial service (a refused action shows their reason).
 */
import { type FormEvent, useState } from "react";

import { Dialog } from "@/components/Dialog";
import { ErrorText } from "@/components/Feedback";
import { ReasonDialog } from "@/components/ReasonDialog";
import { useSession } from "@/features/auth/hooks/useSession";
import { useI18n } from "@/i18n";
import type { Schemas, Story, Workflow } from "@/lib/api";
import { isoToLocalInput, localInputToIso } from "@/lib/dates";

import * as actions from "../api/workflow";

type Crisis = Schemas["FastTrackAction"];
type Pending = "changes" | "retract" | "correct" | `crisis-${Crisis}` | "unschedule" | null;

export function ReviewActions({
  story,
  workflow,
  reviewedRevision,
  canDecide,
  isAuthor,
  writer,
  desk,
  board,
  onDone,
}: {
  story: Story;
  workflow: Workflow | null;
  reviewedRevision: number;
  canDecide: boolean;
  isAuthor: boolean;
  writer: boolean;
  desk: boolean;
  board: boolean;
  onDone: () => void;
}): React.JSX.Element {
  const { t } = useI18n();
  const { tenant } = useSession();
  const [error, setError] = useState<Error | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [approveOpen, setApproveOpen] = useState(false);
  const [approveComment, setApproveComment] = useState("");
  const [scheduleOpen, setScheduleOpen] = useState(false);
  const [publishAt, setPublishAt] = useState(() =>
    isoToLocalInput(new Date(Date.now() + 3600_000).toISOString()),
  );
  const [embargo, setEmbargo] = useState(false);
  const state = workflow?.state ?? story.status ?? "draft";
  const id = story.id;

  const run = async (action: () => Promise<unknown>): Promise<void> => {
    setError(null);
    try {
      await action();
      onDone();
    } catch (caught) {
      setError(caught as Error);
      throw caught;
    }
  };
  const quiet = (action: () => Promise<unknown>): void => {
    run(action).catch(() => undefined);
  };

  const approveSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    await run(() => actions.approve(tenant, id, reviewedRevision, approveComment)).catch(() => undefined);
    setApproveOpen(false);
    setApproveComment("");
  };
  const scheduleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    await run(() =>
      actions.schedule(tenant, id, reviewedRevision, localInputToIso(publishAt), embargo),
    ).catch(() => undefined);
    setScheduleOpen(false);
  };

  const inReview = state === "in_review" || state === "submitted";
  const live = state === "published" || state === "corrected";
  return (
    <section aria-labelledby="actions-heading" className="stack">
      <h2 id="actions-heading">{t("review.actions")}</h2>
      <ErrorText error={error} />
      <div className="row wrap">
        {writer && (state === "draft" || state === "changes_requested") ? (
          <button type="button" className="primary" onClick={() => quiet(() => actions.submit(tenant, id, story.current_revision))}>
            {t("review.submit")}
          </button>
        ) : null}
        {inReview && canDecide ? (
          <>
            <button type="button" className="primary" onClick={() => setApproveOpen(true)}>
              {t("review.approve")}
            </button>
            <button type="button" onClick={() => setPending("changes")}>
              {t("review.requestChanges")}
            </button>
          </>
        ) : null}
        {inReview && isAuthor ? <p className="muted">{t("review.fourEyes")}</p> : null}
        {state === "approved" && desk ? (
          <>
            <button type="button" className="primary" onClick={() => quiet(() => actions.publish(tenant, id, reviewedRevision))}>
              {t("review.publishNow")}
            </button>
            <button type="button" onClick={() => setScheduleOpen(true)}>
              {t("review.schedule")}
            </button>
          </>
        ) : null}
        {state === "scheduled" && desk ? (
          <button type="button" onClick={() => setPending("unschedule")}>
            {t("review.unschedule")}
          </button>
        ) : null}
        {live && desk && story.current_revision > (workflow?.published_revision ?? 0) ? (
          <button type="button" onClick={() => setPending("correct")}>
            {t("review.correct")}
          </button>
        ) : null}
        {live && board ? (
          <button type="button" className="danger" onClick={() => setPending("retract")}>
            {t("review.retract")}
          </button>
        ) : null}
      </div>
      {board && state !== "retracted" ? (
        <details className="crisis">
          <summary>{t("crisis.title")}</summary>
          <p className="muted">{t("crisis.explain")}</p>
          <div className="row wrap">
            {!live ? (
              <button type="button" className="danger" onClick={() => setPending("crisis-publish")}>
                {t("crisis.publish")}
              </button>
            ) : null}
            {live ? (
              <button type="button" className="danger" onClick={() => setPending("crisis-correct")}>
                {t("crisis.correct")}
              </button>
            ) : null}
            {live ? (
              <button type="button" className="danger" onClick={() => setPending("crisis-retract")}>
                {t("crisis.retract")}
              </button>
            ) : null}
          </div>
        </details>
      ) : null}

      <Dialog open={approveOpen} title={t("review.approve")} onClose={() => setApproveOpen(false)}>
        <form onSubmit={(event) => void approveSubmit(event)} className="stack">
          <p>{t("review.approveRevision", { revision: reviewedRevision })}</p>
          <label className="field">
            <span>{t("review.comment")}</span>
            <textarea rows={2} value={approveComment} onChange={(event) => setApproveComment(event.target.value)} />
          </label>
          <div className="row">
            <button type="submit" className="primary">{t("review.approve")}</button>
            <button type="button" onClick={() => setApproveOpen(false)}>{t("common.cancel")}</button>
          </div>
        </form>
      </Dialog>

      <Dialog open={scheduleOpen} title={t("review.schedule")} onClose={() => setScheduleOpen(false)}>
        <form onSubmit={(event) => void scheduleSubmit(event)} className="stack">
          <label className="field">
            <span>{t("review.publishAt")}</span>
            <input
              type="datetime-local"
              required
              value={publishAt}
              onChange={(event) => setPublishAt(event.target.value)}
            />
            <small>{t("review.timeZoneHint")}</small>
          </label>
          <label className="inline">
            <input type="checkbox" checked={embargo} onChange={(event) => setEmbargo(event.target.checked)} />{" "}
            {t("review.embargo")}
          </label>
          <div className="row">
            <button type="submit" className="primary">{t("review.schedule")}</button>
            <button type="button" onClick={() => setScheduleOpen(false)}>{t("common.cancel")}</button>
          </div>
        </form>
      </Dialog>

      <ReasonDialog
        open={pending === "changes"}
        title={t("review.requestChanges")}
        label={t("review.changesReason")}
        confirm={t("review.requestChanges")}
        onClose={() => setPending(null)}
        onConfirm={(reason) => run(() => actions.requestChanges(tenant, id, reviewedRevision, reason))}
      />
      <ReasonDialog
        open={pending === "unschedule"}
        title={t("review.unschedule")}
        label={t("reason.label")}
        confirm={t("review.unschedule")}
        onClose={() => setPending(null)}
        onConfirm={(reason) => run(() => actions.unschedule(tenant, id, reason))}
      />
      <ReasonDialog
        open={pending === "correct"}
        title={t("review.correct")}
        label={t("review.correctionNote")}
        confirm={t("review.correct")}
        onClose={() => setPending(null)}
        onConfirm={(note) => run(() => actions.correct(tenant, id, story.current_revision, note))}
      />
      <ReasonDialog
        open={pending === "retract"}
        title={t("review.retract")}
        label={t("crisis.reason")}
        confirm={t("review.retract")}
        danger
        onClose={() => setPending(null)}
        onConfirm={(reason) => run(() => actions.retract(tenant, id, reason))}
      />
      {(["publish", "correct", "retract"] as Crisis[]).map((action) => (
        <ReasonDialog
          key={action}
          open={pending === `crisis-${action}`}
          title={t(`crisis.${action}`)}
          label={t("crisis.reason")}
          confirm={t(`crisis.${action}`)}
          danger
          extra={<p className="warning">{t("crisis.warning")}</p>}
          onClose={() => setPending(null)}
          onConfirm={(reason) =>
            run(() =>
              actions.fastTrack(tenant, id, {
                action,
                reason,
                revision: action === "retract" ? 0 : story.current_revision,
                correction_note: action === "correct" ? reason : "",
              }),
            )
          }
        />
      ))}
    </section>
  );
}
