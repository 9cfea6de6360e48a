import { useState } from "react";

import { ErrorText } from "@/components/Feedback";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { useI18n } from "@/i18n";

import { signIn } from "../api/oidc";

export function SignIn(): React.JSX.Element {
  const { t } = useI18n();
  const [error, setError] = useState<Error | null>(null);
  return (
    <main id="main" className="sign-in">
      <h1>{t("app.name")}</h1>
      <p>{t("signIn.explain")}</p>
      <button
        type="button"
        className="primary"
        data-testid="sign-in"
        onClick={() => signIn().catch((caught: unknown) => setError(caught as Error))}
      >
        {t("signIn.button")}
      </button>
      <ErrorText error={error} />
      <LanguageSwitch />
    </main>
  );
}
