import type { ReactNode } from "react";

import { LanguageSwitch } from "@/components/LanguageSwitch";
import { signOut } from "@/features/auth/api/oidc";
import { TenantSwitcher } from "@/features/auth/components/TenantSwitcher";
import { useSession } from "@/features/auth/hooks/useSession";
import { canAdminPolicy, canAdminSections, canAudit, queueRoles } from "@/features/auth/permissions";
import { FreezeBanner } from "@/features/freezes/components/FreezeBanner";
import { NotificationsMenu } from "@/features/notifications/components/NotificationsMenu";
import { useI18n } from "@/i18n";
import { Link, useLocation } from "@/lib/router";

export function Layout({ children }: { children: ReactNode }): React.JSX.Element {
  const { t } = useI18n();
  const session = useSession();
  const { path } = useLocation();
  const base = `/t/${session.tenant}`;
  const links: { to: string; label: string; show: boolean }[] = [
    { to: `${base}/queue`, label: t("nav.queue"), show: queueRoles(session).length > 0 },
    { to: `${base}/stories`, label: t("nav.stories"), show: true },
    { to: `${base}/media`, label: t("nav.media"), show: true },
    { to: `${base}/audit`, label: t("nav.audit"), show: canAudit(session) },
    { to: `${base}/freezes`, label: t("nav.freezes"), show: true },
    { to: `${base}/admin`, label: t("nav.admin"), show: canAdminSections(session) || canAdminPolicy(session) },
  ];
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header className="app-header">
        <Link to={`${base}/queue`} className="brand">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.label")}>
          <ul className="nav plain">
            {links
              .filter((link) => link.show)
              .map((link) => (
                <li key={link.to}>
                  <Link to={link.to} aria-current={path.startsWith(link.to) ? "page" : undefined}>
                    {link.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div className="row user">
          <TenantSwitcher />
          <NotificationsMenu />
          <span data-testid="user-name">{session.me.display_name || session.me.username}</span>
          <LanguageSwitch />
          <button type="button" onClick={() => void signOut()} data-testid="sign-out">
            {t("signOut")}
          </button>
        </div>
      </header>
      <FreezeBanner />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
