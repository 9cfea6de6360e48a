/** Runtime settings, read once from /config.json so one build serves every deployment. */
export interface AppConfig {
  /** The gateway's origin ("" = the app's own origin, behind one ingress). */
  apiBase: string;
  keycloakUrl: string;
  realm: string;
  clientId: string;
  /** The portal's base URL for previews ("" = no portal configured). */
  portalUrl: string;
  /** Renew the access token this many seconds before it expires. */
  renewBeforeSeconds: number;
}

const DEFAULTS: AppConfig = {
  apiBase: "",
  keycloakUrl: "http://127.0.0.1:58080",
  realm: "newsroom",
  clientId: "newsroom-web",
  portalUrl: "",
  renewBeforeSeconds: 60,
};

let current: AppConfig = DEFAULTS;

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch("/config.json", { cache: "no-store" });
  if (response.ok) {
    const raw = (await response.json()) as Partial<AppConfig>;
    current = { ...DEFAULTS, ...raw };
  }
  current.apiBase = current.apiBase.replace(/\/$/, "");
  current.portalUrl = current.portalUrl.replace(/\/$/, "");
  return current;
}

export function config(): AppConfig {
  return current;
}
