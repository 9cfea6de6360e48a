import { useI18n } from "@/i18n";
import type { Schemas } from "@/lib/api";
import { formatDateTime } from "@/lib/dates";

export function TakedownReport({ takedown }: { takedown: Schemas["Takedown"] }): React.JSX.Element {
  const { t } = useI18n();
  return (
    <section aria-labelledby="takedown-heading" data-testid="takedown-report">
      <h2 id="takedown-heading">{t("takedown.title")}</h2>
      <p>
        {takedown.complete ? t("takedown.complete") : t("takedown.incomplete")} · {takedown.reason}
      </p>
      <table className="table">
        <caption className="visually-hidden">{t("takedown.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("takedown.where")}</th>
            <th scope="col">{t("takedown.status")}</th>
            <th scope="col">{t("takedown.confirmedAt")}</th>
          </tr>
        </thead>
        <tbody>
          {takedown.targets.map((target, index) => (
            <tr key={index}>
              <td>{target.channel_name || t(`takedown.kind.${target.kind ?? "portal"}`)}</td>
              <td>{t(`takedown.state.${target.status ?? "pending"}`)}</td>
              <td>{formatDateTime(target.confirmed_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
