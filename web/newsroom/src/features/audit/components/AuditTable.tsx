import { type MessageKey, useI18n } from "@/i18n";
import type { AuditRecord } from "@/lib/api";
import { formatDateTime } from "@/lib/dates";
import { Link } from "@/lib/router";

export function AuditTable({
  records,
  tenant,
  showStory,
}: {
  records: AuditRecord[];
  tenant: string;
  showStory: boolean;
}): React.JSX.Element {
  const { t } = useI18n();
  const roleList = (roles: string[]): string =>
    roles.length ? roles.map((role) => t(`role.${role}` as MessageKey)).join(", ") : t("audit.noRoles");
  if (records.length === 0) return <p>{t("audit.empty")}</p>;
  return (
    <table className="table" data-testid="audit">
      <caption className="visually-hidden">{t("audit.title")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("audit.when")}</th>
          <th scope="col">{t("audit.who")}</th>
          <th scope="col">{t("audit.action")}</th>
          <th scope="col">{t("audit.transition")}</th>
          <th scope="col">{t("audit.reason")}</th>
          <th scope="col">{t("story.revision")}</th>
          {showStory ? <th scope="col">{t("audit.story")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.id}>
            <td>{formatDateTime(record.at)}</td>
            <td>{record.actor?.display_name ?? "—"}</td>
            <td>
              {record.action ? t(`action.${record.action}`) : "—"}
              {record.fast_track ? <span className="tag danger">{t("review.fastTrack")}</span> : null}
            </td>
            <td>
              {record.action === "change_roles" ? (
                <span data-testid="role-change">
                  {record.subject?.display_name || record.subject?.username || "—"}:{" "}
                  {roleList(record.roles_before ?? [])} → {roleList(record.roles_after ?? [])}
                </span>
              ) : (
                <>
                  {record.from_state ? t(`status.${record.from_state}`) : "—"} →{" "}
                  {record.to_state ? t(`status.${record.to_state}`) : "—"}
                </>
              )}
            </td>
            <td>{record.reason}</td>
            <td>{record.revision || ""}</td>
            {showStory ? (
              <td>
                {record.story_id ? (
                  <Link to={`/t/${tenant}/stories/${record.story_id}/audit`}>{t("audit.open")}</Link>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
