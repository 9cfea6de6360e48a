import { useState } from "react";

import { ErrorText, Loading } from "@/components/Feedback";
import { ReasonDialog } from "@/components/ReasonDialog";
import { useSession } from "@/features/auth/hooks/useSession";
import { canFreeze } from "@/features/auth/permissions";
import { useI18n } from "@/i18n";
import type { Schemas } from "@/lib/api";
import { formatDateTime } from "@/lib/dates";
import { invalidate, useQuery } from "@/lib/query";

import { liftFreeze, listFreezes, setFreeze } from "../api/freezes";

type Scope = Schemas["FreezeScope"];

export default function FreezesScreen(): React.JSX.Element {
  const { t } = useI18n();
  const session = useSession();
  const { tenant } = session;
  const freezes = useQuery(`freezes:${tenant}:all`, () => listFreezes(tenant, false));
  const [dialog, setDialog] = useState<{ lift: boolean; scope: Scope } | null>(null);
  const activeScopes = new Set((freezes.data ?? []).filter((f) => f.active).map((f) => f.scope));
  const scopes: Scope[] = session.platformAdmin ? ["tenant", "group"] : ["tenant"];
  const done = (): void => invalidate(`freezes:${tenant}`);
  return (
    <section aria-labelledby="freezes-heading" className="stack">
      <h1 id="freezes-heading">{t("freeze.title")}</h1>
      <p className="muted">{t("freeze.explain")}</p>
      {canFreeze(session) ? (
        <div className="row wrap">
          {scopes.map((scope) =>
            activeScopes.has(scope) ? (
              <button key={scope} type="button" onClick={() => setDialog({ lift: true, scope })}>
                {t(scope === "group" ? "freeze.liftGroup" : "freeze.liftTenant")}
              </button>
            ) : (
              <button key={scope} type="button" className="danger" onClick={() => setDialog({ lift: false, scope })}>
                {t(scope === "group" ? "freeze.setGroup" : "freeze.setTenant")}
              </button>
            ),
          )}
        </div>
      ) : null}
      <ErrorText error={freezes.error} />
      {freezes.data ? (
        <table className="table">
          <caption className="visually-hidden">{t("freeze.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("freeze.scope")}</th>
              <th scope="col">{t("freeze.state")}</th>
              <th scope="col">{t("audit.reason")}</th>
              <th scope="col">{t("freeze.setBy")}</th>
              <th scope="col">{t("freeze.liftedBy")}</th>
            </tr>
          </thead>
          <tbody>
            {freezes.data.map((freeze) => (
              <tr key={freeze.id}>
                <td>{t(freeze.scope === "group" ? "freeze.group" : "freeze.tenant")}</td>
                <td>{freeze.active ? t("freeze.active") : t("freeze.lifted")}</td>
                <td>{freeze.reason}</td>
                <td>
                  {freeze.set_by?.display_name} · {formatDateTime(freeze.set_at)}
                </td>
                <td>{freeze.lifted_at ? `${freeze.lifted_by?.display_name ?? ""} · ${formatDateTime(freeze.lifted_at)}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Loading />
      )}
      <ReasonDialog
        open={dialog !== null}
        title={dialog?.lift ? t("freeze.liftTitle") : t("freeze.setTitle")}
        label={t("reason.label")}
        confirm={dialog?.lift ? t("freeze.lift") : t("freeze.set")}
        danger={!dialog?.lift}
        onClose={() => setDialog(null)}
        onConfirm={async (reason) => {
          if (!dialog) return;
          await (dialog.lift ? liftFreeze : setFreeze)(tenant, dialog.scope, reason);
          done();
        }}
      />
    </section>
  );
}
