import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-cn';

export type Language = 'zh-CN' | 'en';
const KEY = 'aidflow.lang';

/** zh-CN unless the user chose English before (remembered on this device). */
export function storedLanguage(): Language {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

/** t() with a fallback for keys the API brings (fact names, rules, categories): the raw value when unknown. */
export function useT() {
  const { t, i18n: instance } = useTranslation();
  const tr = (group: string, key: string | null | undefined, fallback?: string): string => {
    if (!key) return fallback ?? '';
    const full = `${group}.${key}`;
    return instance.exists(full) ? t(full) : (fallback ?? key);
  };
  return { t, tr, language: instance.language === 'en' ? ('en' as const) : ('zh-CN' as const) };
}

export { i18n };
