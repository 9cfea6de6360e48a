import { useEffect, useState } from "react";

import { ErrorText, Loading } from "@/components/Feedback";
import { useSession } from "@/features/auth/hooks/useSession";
import { canAdminPolicy } from "@/features/auth/permissions";
import { useI18n } from "@/i18n";
import type { Role, Schemas } from "@/lib/api";
import { formatDateTime } from "@/lib/dates";
import { invalidate, useQuery } from "@/lib/query";

import { getPolicy, setPolicy } from "../api/admin";

type Stage = Schemas["ApprovalStage"];
type StageRole = Schemas["ApprovalStageUpdate"]["role"];
const STAGE_CHOICES: Role[] = ["editor", "board", "spokesperson", "tenant-admin"];

// Contributors never approve: the update schema leaves them out of the stage roles.
const isStageRole = (role: Role | null | undefined): role is StageRole =>
  role != null && role !== "contributor";

export function PolicyAdmin(): React.JSX.Element {
  const { t } = useI18n();
  const session = useSession();
  const policy = useQuery(`policy:${session.tenant}`, () => getPolicy(session.tenant));
  const [stages, setStages] = useState<Stage[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);
  const editable = canAdminPolicy(session);
  useEffect(() => {
    if (policy.data) setStages(policy.data.stages);
  }, [policy.data]);
  const move = (index: number, delta: number): void => {
    const next = [...stages];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + delta, 0, item);
    setStages(next);
  };
  const save = async (): Promise<void> => {
    setError(null);
    setSaved(false);
    try {
      const official = policy.data?.official_statement_role;
      await setPolicy(session.tenant, {
        stages: stages.flatMap((stage) =>
          isStageRole(stage.role) ? [{ name: stage.name ?? "", role: stage.role }] : [],
        ),
        official_statement_role: isStageRole(official) ? official : null,
      });
      setSaved(true);
      invalidate(`policy:${session.tenant}`);
    } catch (caught) {
      setError(caught as Error);
    }
  };
  if (!policy.data) return <Loading />;
  return (
    <section aria-labelledby="policy-heading" className="stack">
      <h2 id="policy-heading">{t("admin.policy")}</h2>
      <p className="muted">
        {t("admin.policyExplain")}{" "}
        {policy.data.updated_at
          ? t("admin.policyUpdated", {
              who: policy.data.updated_by?.display_name ?? "—",
              time: formatDateTime(policy.data.updated_at),
            })
          : null}
      </p>
      <ol className="stack" data-testid="policy-stages">
        {stages.map((stage, index) => (
          <li key={index} className="row wrap">
            <label className="field">
              <span>{t("admin.stageRole", { n: index + 1 })}</span>
              <select
                value={stage.role}
                disabled={!editable}
                onChange={(event) =>
                  setStages(stages.map((s, i) => (i === index ? { ...s, role: event.target.value as Role } : s)))
                }
              >
                {STAGE_CHOICES.map((role) => (
                  <option key={role} value={role}>
                    {t(`role.${role}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t("admin.stageName", { n: index + 1 })}</span>
              <input
                value={stage.name ?? ""}
                disabled={!editable}
                onChange={(event) =>
                  setStages(stages.map((s, i) => (i === index ? { ...s, name: event.target.value } : s)))
                }
              />
            </label>
            {editable ? (
              <>
                <button type="button" disabled={index === 0} onClick={() => move(index, -1)}>
                  {t("admin.up")}
                </button>
                <button type="button" disabled={index === stages.length - 1} onClick={() => move(index, 1)}>
                  {t("admin.down")}
                </button>
                <button type="button" disabled={stages.length === 1} onClick={() => setStages(stages.filter((_, i) => i !== index))}>
                  {t("admin.removeStage")}
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {editable ? (
        <div className="row">
          <button type="button" onClick={() => setStages([...stages, { role: "board", name: "" }])}>
            {t("admin.addStage")}
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            {t("admin.savePolicy")}
          </button>
        </div>
      ) : null}
      {saved ? <p role="status">{t("admin.policySaved")}</p> : null}
      <ErrorText error={error ?? policy.error} />
    </section>
  );
}
