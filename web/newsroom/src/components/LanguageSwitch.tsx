import { useI18n } from "@/i18n";

export function LanguageSwitch(): React.JSX.Element {
  const { t, lang, setLang } = useI18n();
  const other = lang === "vi" ? "en" : "vi";
  return (
    <button type="button" className="link" lang={other} onClick={() => setLang(other)}>
      {t("language.switch")}
    </button>
  );
}
