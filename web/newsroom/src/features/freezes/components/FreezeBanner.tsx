import { useSession } from "@/features/auth/hooks/useSession";
import { useI18n } from "@/i18n";
import { formatDateTime } from "@/lib/dates";

import { useActiveFreezes } from "../hooks/useActiveFreezes";

/** Shown on every screen while a publishing freeze holds this tenant (or the group). */
export function FreezeBanner(): React.JSX.Element | null {
  const { t } = useI18n();
  const { tenant } = useSession();
  const freezes = useActiveFreezes(tenant);
  const active = freezes.data ?? [];
  if (active.length === 0) return null;
  return (
    <div className="freeze-banner" role="alert" data-testid="freeze-banner">
      {active.map((freeze) => (
        <p key={freeze.id}>
          <strong>{t(freeze.scope === "group" ? "freeze.groupActive" : "freeze.tenantActive")}</strong>{" "}
          {freeze.reason} · {freeze.set_by?.display_name} · {formatDateTime(freeze.set_at)}
        </p>
      ))}
    </div>
  );
}
