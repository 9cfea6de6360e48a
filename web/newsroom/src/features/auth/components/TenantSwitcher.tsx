import { useId } from "react";

import { useI18n } from "@/i18n";
import { navigate } from "@/lib/router";

import { rememberTenant, useSession } from "../hooks/useSession";

/** People with roles in several tenants (subsidiaries) switch between them here. The
 * choice is remembered, and the app's root lands on that tenant's first screen for the
 * person's roles there (the queue for reviewers, the stories for contributors). */
export function TenantSwitcher(): React.JSX.Element | null {
  const { t } = useI18n();
  const session = useSession();
  const id = useId();
  if (session.tenants.length < 2) {
    return <span className="tenant" data-testid="tenant">{session.tenant}</span>;
  }
  return (
    <span className="tenant">
      <label htmlFor={id} className="visually-hidden">
        {t("tenant.switch")}
      </label>
      <select
        id={id}
        data-testid="tenant-switcher"
        value={session.tenant}
        onChange={(event) => {
          rememberTenant(event.target.value);
          navigate("/");
        }}
      >
        {session.tenants.map((tenant) => (
          <option key={tenant} value={tenant}>
            {tenant}
          </option>
        ))}
      </select>
    </span>
  );
}
