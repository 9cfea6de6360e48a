/**
 * Keycloak sign-in: OpenID Connect authorization code flow with PKCE (S256), through
 * oidc-client-ts. Tokens live in sessionStorage (gone with the tab); renewal runs
 * silently before expiry with the refresh token (or a hidden iframe when there is none).
 */
import { type User, UserManager, WebStorageStateStore } from "oidc-client-ts";

import { config } from "@/lib/config";

let manager: UserManager | null = null;

export const CALLBACK_PATH = "/auth/callback";
const SIGNED_OUT = "signed_out";
const RETURN_KEY = "newsroom.return-to";

export function userManager(): UserManager {
  if (manager === null) {
    const cfg = config();
    const origin = window.location.origin;
    manager = new UserManager({
      authority: `${cfg.keycloakUrl.replace(/\/$/, "")}/realms/${cfg.realm}`,
      client_id: cfg.clientId,
      redirect_uri: `${origin}${CALLBACK_PATH}`,
      post_logout_redirect_uri: `${origin}/?${SIGNED_OUT}=1`,
      silent_redirect_uri: `${origin}/silent-renew.html`,
      response_type: "code",
      scope: "openid profile email",
      automaticSilentRenew: true,
      accessTokenExpiringNotificationTimeInSeconds: cfg.renewBeforeSeconds,
      monitorSession: false,
      loadUserInfo: false,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    });
  }
  return manager;
}

export async function signIn(): Promise<void> {
  sessionStorage.setItem(RETURN_KEY, window.location.pathname + window.location.search);
  await userManager().signinRedirect();
}

/** Completes the redirect from Keycloak; returns where the person was going. */
export async function completeSignIn(): Promise<{ user: User; returnTo: string }> {
  const user = await userManager().signinRedirectCallback();
  const returnTo = sessionStorage.getItem(RETURN_KEY) ?? "/";
  sessionStorage.removeItem(RETURN_KEY);
  return { user, returnTo: returnTo.startsWith(CALLBACK_PATH) ? "/" : returnTo };
}

export async function signOut(): Promise<void> {
  const manager = userManager();
  manager.stopSilentRenew();
  await manager.signoutRedirect();
}

let signedOutHandled = false;

export async function currentUser(): Promise<User | null> {
  const manager = userManager();
  // Back from Keycloak's logout: forget any token a renewal in flight stored meanwhile.
  if (!signedOutHandled && new URLSearchParams(window.location.search).has(SIGNED_OUT)) {
    signedOutHandled = true;
    await manager.removeUser();
    window.history.replaceState(null, "", "/");
  }
  const user = await manager.getUser();
  return user && !user.expired ? user : null;
}
