/**
 * Message catalogues: Vietnamese first (the source of every key), English beside it.
 * `en` is typed against `vi`, so a key missing in either fails the type check.
 */
import { useSyncExternalStore } from "react";

import { en } from "./en";
import { vi, type MessageKey } from "./vi";

export type Language = "vi" | "en";
export type { MessageKey };

const catalogues: Record<Language, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = "newsroom.language";
const listeners = new Set<() => void>();

function initialLanguage(): Language {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "vi";
}

let language: Language = initialLanguage();

export function currentLanguage(): Language {
  return language;
}

export function setLanguage(next: Language): void {
  language = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  listeners.forEach((listener) => listener());
}

export type Params = Record<string, string | number>;

export function translate(key: MessageKey, params?: Params): string {
  const template = catalogues[language][key] ?? catalogues.vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useI18n(): {
  t: (key: MessageKey, params?: Params) => string;
  lang: Language;
  setLang: (next: Language) => void;
} {
  const lang = useSyncExternalStore(subscribe, currentLanguage);
  return { t: translate, lang, setLang: setLanguage };
}
