import { z } from '@hono/zod-openapi';
import { LocaleSchema, RoleSchema } from '../people/schema.ts';

export const SignIn = z
  .strictObject({
    email: z.string().trim().toLowerCase().min(1, 'required').max(254),
    password: z.string().min(1, 'required').max(200),
  })
  .openapi('SignIn');

export const SessionSchema = z
  .object({
    person: z.object({
      id: z.number().int(),
      name: z.string(),
      nameEn: z.string(),
      email: z.string(),
      locale: LocaleSchema,
      roles: z.array(RoleSchema),
      unitId: z.number().int(),
    }),
    expiresAt: z.string(),
  })
  .openapi('Session');
export type SessionView = z.infer<typeof SessionSchema>;
