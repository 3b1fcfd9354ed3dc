import type { PersonView } from '../../../server/people/schema.ts';
import type { SessionView } from '../../../server/session/schema.ts';
import type { Locale } from '../i18n/i18n.ts';
import { api } from './client.ts';

export type SessionPerson = SessionView['person'];

export const sessionApi = {
  current: () => api.get<SessionView>('/session'),
  signIn: (email: string, password: string) => api.post<SessionView>('/session', { email, password }),
  signOut: () => api.delete('/session'),
  setLocale: async (locale: Locale) => (await api.patch<PersonView>('/me', { locale }, null)).body,
};
