import { useEffect } from "react";

import { useSession } from "@/features/auth/hooks/useSession";
import { queueRoles } from "@/features/auth/permissions";
import { StatusBadge } from "@/features/stories/components/StatusBadge";
import { useI18n } from "@/i18n";
import type { Role } from "@/lib/api";
import { formatDateTime } from "@/lib/dates";
import { markOnce } from "@/lib/perf";
import { Link, useLocation } from "@/lib/router";
import { ErrorText, Loading } from "@/components/Feedback";

import { useQueue } from "../hooks/useQueues";

function QueueCount({ tenant, role }: { tenant: string; role: Role }): React.JSX.Element {
  const { data } = useQueue(tenant, role);
  if (!data) return <span className="count">…</span>;
  return (
    <span className="count" data-testid={`queue-count-${role}`}>
      {data.more ? `${data.items.length}+` : data.items.length}
    </span>
  );
}

export function QueueScreen(): React.JSX.Element {
  const { t } = useI18n();
  const session = useSession();
  const { search } = useLocation();
  const roles = queueRoles(session);
  const wanted = search.get("role") as Role | null;
  const role = wanted && roles.includes(wanted) ? wanted : (roles[0] ?? null);
  const queue = useQueue(session.tenant, role);
  const base = `/t/${session.tenant}/queue`;
  useEffect(() => {
    if (queue.data) markOnce("queue-interactive");
  }, [queue.data]);

  if (roles.length === 0) {
    return (
      <section aria-labelledby="queue-heading">
        <h1 id="queue-heading">{t("queue.title")}</h1>
        <p>{t("queue.noRole")}</p>
        <Link to={`/t/${session.tenant}/stories`}>{t("nav.stories")}</Link>
      </section>
    );
  }

  return (
    <section aria-labelledby="queue-heading">
      <h1 id="queue-heading">{t("queue.title")}</h1>
      <nav aria-label={t("queue.roles")} className="tabs">
        {roles.map((r) => (
          <Link
            key={r}
            to={`${base}?role=${r}`}
            aria-current={r === role ? "page" : undefined}
            className={r === role ? "tab active" : "tab"}
          >
            {t(`role.${r}`)} <QueueCount tenant={session.tenant} role={r} />
          </Link>
        ))}
      </nav>
      <div aria-live="polite" aria-busy={queue.loading}>
        <ErrorText error={queue.error} />
        {queue.data === undefined ? (
          <Loading />
        ) : queue.data.items.length === 0 ? (
          <p data-testid="queue-empty">{t("queue.empty")}</p>
        ) : (
          <table className="table" data-testid="queue-table">
            <caption className="visually-hidden">
              {t("queue.caption", { role: t(`role.${role ?? "editor"}`) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("story.headline")}</th>
                <th scope="col">{t("story.status")}</th>
                <th scope="col">{t("queue.stage")}</th>
                <th scope="col">{t("story.revision")}</th>
                <th scope="col">{t("queue.submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.data.items.map((w) => (
                <tr key={w.story_id}>
                  <td>
                    <Link to={`/t/${session.tenant}/stories/${w.story_id}/review`}>
                      {w.headline || t("story.untitled")}
                    </Link>
                    {w.fast_track ? <span className="tag danger">{t("review.fastTrack")}</span> : null}
                  </td>
                  <td>
                    <StatusBadge status={w.state ?? null} />
                  </td>
                  <td>
                    {w.stages[w.current_stage]?.name ||
                      t(`role.${w.stages[w.current_stage]?.role ?? "editor"}`)}
                  </td>
                  <td>{w.revision}</td>
                  <td>{formatDateTime(w.submitted_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
