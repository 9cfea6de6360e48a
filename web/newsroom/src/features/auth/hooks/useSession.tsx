import type { User } from "oidc-client-ts";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";

import { api, type Me, type Role, setTokenSource, unwrap } from "@/lib/api";

import { currentUser, userManager } from "../api/oidc";
import type { Grants } from "../permissions";

export interface Session extends Grants {
  user: User;
  me: Me;
  tenant: string;
  tenants: string[];
  /** Seconds since the epoch when the current access token expires (changes on renewal). */
  expiresAt: number;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession outside <SessionProvider>");
  return session;
}

const TENANT_KEY = "newsroom.tenant";

export function preferredTenant(me: Me): string | null {
  const stored = localStorage.getItem(TENANT_KEY);
  const slugs = me.tenants.map((t) => t.tenant);
  if (stored && slugs.includes(stored)) return stored;
  return slugs[0] ?? null;
}

export function rememberTenant(tenant: string): void {
  localStorage.setItem(TENANT_KEY, tenant);
}

export type SessionState =
  | { kind: "loading" }
  | { kind: "signed-out" }
  | { kind: "signed-in"; user: User; me: Me }
  | { kind: "error"; error: Error };

/** Loads the signed-in user (if any) and their tenants and roles from GET /v1/me. */
export function useSessionState(): SessionState {
  const [state, setState] = useState<SessionState>({ kind: "loading" });
  useEffect(() => {
    let active = true;
    const manager = userManager();
    setTokenSource(async () => (await currentUser())?.access_token ?? null);
    const load = async (): Promise<void> => {
      const user = await currentUser();
      if (!user) {
        if (active) setState({ kind: "signed-out" });
        return;
      }
      const me = await unwrap(api().GET("/v1/me"));
      if (active) setState({ kind: "signed-in", user, me });
    };
    const onLoaded = (user: User): void => {
      setState((previous) =>
        previous.kind === "signed-in" ? { ...previous, user } : previous,
      );
    };
    const onSignedOut = (): void => setState({ kind: "signed-out" });
    manager.events.addUserLoaded(onLoaded);
    manager.events.addUserSignedOut(onSignedOut);
    manager.events.addAccessTokenExpired(onSignedOut);
    manager.events.addSilentRenewError(() => {
      void currentUser().then((user) => {
        if (!user) onSignedOut();
      });
    });
    load().catch((error: unknown) => {
      if (active) setState({ kind: "error", error: error as Error });
    });
    return () => {
      active = false;
      manager.events.removeUserLoaded(onLoaded);
      manager.events.removeUserSignedOut(onSignedOut);
      manager.events.removeAccessTokenExpired(onSignedOut);
    };
  }, []);
  return state;
}

export function SessionProvider({
  user,
  me,
  tenant,
  children,
}: {
  user: User;
  me: Me;
  tenant: string;
  children: ReactNode;
}): React.JSX.Element {
  const value = useMemo<Session>(() => {
    const entry = me.tenants.find((t) => t.tenant === tenant);
    return {
      user,
      me,
      tenant,
      tenants: me.tenants.map((t) => t.tenant),
      roles: (entry?.roles ?? []) as Role[],
      platformAdmin: me.platform_admin,
      expiresAt: user.expires_at ?? 0,
    };
  }, [user, me, tenant]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
