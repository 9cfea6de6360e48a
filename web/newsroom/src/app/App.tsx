import { lazy, Suspense } from "react";

import { ErrorText, Loading } from "@/components/Feedback";
import { CALLBACK_PATH } from "@/features/auth/api/oidc";
import { AuthCallback } from "@/features/auth/components/AuthCallback";
import { SignIn } from "@/features/auth/components/SignIn";
import {
  preferredTenant,
  rememberTenant,
  SessionProvider,
  useSessionState,
} from "@/features/auth/hooks/useSession";
import { queueRoles } from "@/features/auth/permissions";
import { LiveUpdatesProvider } from "@/features/notifications/hooks/useLiveUpdates";
import { QueueScreen } from "@/features/queue/components/QueueScreen";
import { StoriesScreen } from "@/features/stories/components/StoriesScreen";
import { type StoryTab, StoryScreen } from "@/features/stories/components/StoryScreen";
import { useI18n } from "@/i18n";
import type { Role } from "@/lib/api";
import { match, navigate, useLocation } from "@/lib/router";

import { Layout } from "./Layout";

const TenantAuditScreen = lazy(() => import("@/features/audit/components/TenantAuditScreen"));
const FreezesScreen = lazy(() => import("@/features/freezes/components/FreezesScreen"));
const AdminScreen = lazy(() => import("@/features/admin/components/AdminScreen"));
const MediaScreen = lazy(() => import("@/features/media/components/MediaScreen"));

function Screen({ path }: { path: string }): React.JSX.Element {
  const { t } = useI18n();
  let params = match("/t/:tenant/queue", path);
  if (params) return <QueueScreen />;
  params = match("/t/:tenant/stories", path);
  if (params) return <StoriesScreen />;
  params = match("/t/:tenant/stories/:id", path);
  if (params) return <StoryScreen storyId={params.id ?? ""} tab="write" />;
  params = match("/t/:tenant/stories/:id/:tab", path);
  if (params) return <StoryScreen storyId={params.id ?? ""} tab={(params.tab ?? "write") as StoryTab} />;
  if (match("/t/:tenant/audit", path)) return <TenantAuditScreen />;
  if (match("/t/:tenant/freezes", path)) return <FreezesScreen />;
  if (match("/t/:tenant/admin", path)) return <AdminScreen />;
  if (match("/t/:tenant/media", path)) return <MediaScreen />;
  return <p>{t("error.notFound")}</p>;
}

export function App(): React.JSX.Element {
  const { t } = useI18n();
  const { path } = useLocation();
  const state = useSessionState();

  if (path === CALLBACK_PATH) return <AuthCallback />;
  if (state.kind === "loading") return <Loading />;
  if (state.kind === "signed-out") return <SignIn />;
  if (state.kind === "error") {
    return (
      <main id="main">
        <ErrorText error={state.error} />
      </main>
    );
  }
  const tenant = path.startsWith("/t/") ? (path.split("/")[2] ?? "") : null;
  if (!tenant) {
    const preferred = preferredTenant(state.me);
    if (!preferred) {
      return (
        <main id="main">
          <p>{t("tenant.none")}</p>
        </main>
      );
    }
    const roles = state.me.tenants.find((entry) => entry.tenant === preferred)?.roles ?? [];
    const reviewer = state.me.platform_admin || queueRoles({ roles: roles as Role[], platformAdmin: false }).length > 0;
    navigate(`/t/${preferred}/${reviewer ? "queue" : "stories"}`, { replace: true });
    return <Loading />;
  }
  const member = state.me.tenants.some((entry) => entry.tenant === tenant) || state.me.platform_admin;
  if (!member) {
    return (
      <SessionProvider user={state.user} me={state.me} tenant={preferredTenant(state.me) ?? tenant}>
        <Layout>
          <p className="error" role="alert" data-testid="not-member">
            {t("tenant.notMember", { tenant })}
          </p>
        </Layout>
      </SessionProvider>
    );
  }
  rememberTenant(tenant);
  return (
    <SessionProvider user={state.user} me={state.me} tenant={tenant}>
      <LiveUpdatesProvider>
        <Layout>
          <Suspense fallback={<Loading />}>
            <Screen path={path} />
          </Suspense>
        </Layout>
      </LiveUpdatesProvider>
    </SessionProvider>
  );
}
