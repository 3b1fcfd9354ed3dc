import { type Message, t } from '../i18n/i18n.ts';

/** The localised label of an enum value (stage, level, kind, role…), or the raw value when none is defined. */
export function enumLabel(labels: Record<string, Message>, value: string): string {
  const message = labels[value];
  return message ? t(message) : value;
}
