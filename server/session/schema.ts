import { z } from '@hono/zod-openapi';
import { PersonSchema } from '../people/schema.ts';

export const SignIn = z
  .strictObject({
    email: z.string().trim().toLowerCase().min(1, 'required').max(254),
    password: z.string().min(1, 'required').max(200),
  })
  .openapi('SignIn');

export const SessionSchema = z
  .object({
    person: PersonSchema.pick({
      id: true,
      name: true,
      nameEn: true,
      email: true,
      locale: true,
      roles: true,
      unitId: true,
    }),
    expiresAt: z.string(),
  })
  .openapi('Session');
export type SessionView = z.infer<typeof SessionSchema>;
