/**
 * Every revision of a story, two of them side by side (word diff per field), and restore:
 * an old revision's fields saved as a new revision, so restoring loses nothing either.
 */
import { useState } from "react";

import { ErrorText, Loading } from "@/components/Feedback";
import { useSession } from "@/features/auth/hooks/useSession";
import { canWrite } from "@/features/auth/permissions";
import { fieldsOf, listRevisions, saveStory } from "@/features/stories/api/stories";
import { useI18n } from "@/i18n";
import type { Story } from "@/lib/api";
import { formatDateTime } from "@/lib/dates";
import { invalidate, useQuery } from "@/lib/query";

import { DIFF_FIELDS, fieldText, SideBySideDiff } from "./SideBySideDiff";

export default function HistoryPanel({ story }: { story: Story }): React.JSX.Element {
  const { t } = useI18n();
  const session = useSession();
  const key = `revisions:${session.tenant}:${story.id}`;
  const revisions = useQuery(key, () => listRevisions(session.tenant, story.id));
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [restored, setRestored] = useState<number | null>(null);

  if (revisions.error) return <ErrorText error={revisions.error} />;
  if (!revisions.data) return <Loading />;
  const list = [...revisions.data].sort((a, b) => b.number - a.number);
  const newest = list[0]?.number ?? 1;
  const right = to ?? newest;
  const left = from ?? Math.max(1, right - 1);
  const a = list.find((r) => r.number === left);
  const b = list.find((r) => r.number === right);

  const restore = async (number: number): Promise<void> => {
    const revision = list.find((r) => r.number === number);
    if (!revision) return;
    setError(null);
    try {
      await saveStory(session.tenant, story.id, {
        ...fieldsOf(revision),
        expected_revision: newest,
        note: t("history.restoredNote", { revision: number }),
      });
      setRestored(number);
      invalidate(key);
      invalidate(`story:${session.tenant}:${story.id}`);
    } catch (caught) {
      setError(caught as Error);
    }
  };

  return (
    <div className="stack">
      <section aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">{t("history.title")}</h2>
        <ErrorText error={error} />
        {restored !== null ? (
          <p role="status" className="notice">
            {t("history.restored", { revision: restored })}
          </p>
        ) : null}
        <table className="table" data-testid="revisions">
          <caption className="visually-hidden">{t("history.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("story.revision")}</th>
              <th scope="col">{t("history.savedBy")}</th>
              <th scope="col">{t("history.savedAt")}</th>
              <th scope="col">{t("history.note")}</th>
              <th scope="col">{t("history.compare")}</th>
              <th scope="col">{t("history.restore")}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((revision) => (
              <tr key={revision.number}>
                <td>{revision.number}</td>
                <td>{revision.author?.display_name ?? "—"}</td>
                <td>
                  {formatDateTime(revision.updated_at ?? revision.created_at)}
                  {revision.saves > 1 ? (
                    <span className="muted">
                      {" "}
                      ({t("history.sitting", {
                        saves: revision.saves,
                        since: formatDateTime(revision.created_at),
                      })})
                    </span>
                  ) : null}
                </td>
                <td>{revision.note}</td>
                <td>
                  <label className="inline">
                    <input
                      type="radio"
                      name="from"
                      checked={revision.number === left}
                      onChange={() => setFrom(revision.number)}
                    />
                    <span className="visually-hidden">{t("history.from", { revision: revision.number })}</span>
                  </label>
                  <label className="inline">
                    <input
                      type="radio"
                      name="to"
                      checked={revision.number === right}
                      onChange={() => setTo(revision.number)}
                    />
                    <span className="visually-hidden">{t("history.to", { revision: revision.number })}</span>
                  </label>
                </td>
                <td>
                  {canWrite(session) && revision.number !== newest ? (
                    <button type="button" onClick={() => void restore(revision.number)}>
                      {t("history.restoreThis", { revision: revision.number })}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {a && b ? (
        <section aria-labelledby="compare-heading" data-testid="revision-diff">
          <h2 id="compare-heading">{t("history.comparing", { from: left, to: right })}</h2>
          {DIFF_FIELDS.filter((field) => fieldText(a[field]) !== fieldText(b[field])).map((field) => (
            <SideBySideDiff
              key={field}
              field={field}
              label={t(`field.${field}`)}
              left={fieldText(a[field])}
              right={fieldText(b[field])}
              leftTitle={t("history.revisionN", { revision: left })}
              rightTitle={t("history.revisionN", { revision: right })}
            />
          ))}
          {DIFF_FIELDS.every((field) => fieldText(a[field]) === fieldText(b[field])) ? (
            <p>{t("history.same")}</p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
