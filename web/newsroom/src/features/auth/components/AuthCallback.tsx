import { useEffect, useState } from "react";

import { ErrorText, Loading } from "@/components/Feedback";
import { useI18n } from "@/i18n";

import { completeSignIn } from "../api/oidc";

/** Keycloak redirects here with ?code=…&state=…; the code is exchanged with the PKCE verifier. */
export function AuthCallback(): React.JSX.Element {
  const { t } = useI18n();
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    completeSignIn()
      .then(({ returnTo }) => window.location.replace(returnTo))
      .catch((caught: unknown) => setError(caught as Error));
  }, []);
  return (
    <main id="main" className="sign-in">
      <h1>{t("signIn.completing")}</h1>
      {error ? <ErrorText error={error} /> : <Loading />}
      {error ? <a href="/">{t("signIn.again")}</a> : null}
    </main>
  );
}
