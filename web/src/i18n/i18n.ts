import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];

/** A UI string in every locale; the type makes a missing translation a compile error. */
export type Message = Record<Locale, string>;

/** Declares a domain's strings side by side, zh-CN and en. */
export function defineMessages<T extends Record<string, Message>>(messages: T): T {
  return messages;
}

const STORAGE_KEY = 'rectify.locale';
const listeners = new Set<() => void>();

function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

let current: Locale = initialLocale();

export function locale(): Locale {
  return current;
}

/** Switches the language everywhere at once; the signed-in person's choice is also saved on the server. */
export function setLocale(next: Locale): void {
  if (next === current) return;
  current = next;
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

/** The message in the current locale, with `{name}` placeholders filled in. */
export function t(message: Message, params?: Record<string, string | number>): string {
  const text = message[current];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

/** Chooses between a record's Chinese and English names (falls back to Chinese when no English exists). */
export function named(record: { name: string; nameEn?: string | null } | null | undefined): string {
  if (!record) return '';
  return current === 'en' && record.nameEn ? record.nameEn : record.name;
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(current).format(n);
}

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T00:00:00`)
      : new Date(value);
  return new Intl.DateTimeFormat(current, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** A month (YYYY-MM) as the reader says it: 2026年11月, November 2026. */
export function formatMonth(month: string): string {
  const [y, mo] = month.split('-').map(Number);
  if (!y || !mo) return month;
  return new Intl.DateTimeFormat(current, { year: 'numeric', month: 'long' }).format(new Date(y, mo - 1, 1));
}

/** A share (0.925) as a percentage, to one decimal where it needs one: 92.5%. */
export function formatPercent(share: number): string {
  return new Intl.NumberFormat(current, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

export function formatDateTime(value: string | Date): string {
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value),
  );
}

/** Re-renders its host whenever the language changes. */
export class LocaleController implements ReactiveController {
  private readonly update = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    listeners.add(this.update);
  }
  hostDisconnected(): void {
    listeners.delete(this.update);
  }
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
