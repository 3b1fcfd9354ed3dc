import { z } from '@hono/zod-openapi';
import { listQuery } from '../common/schema.ts';

export const Roles = ['holder', 'supervisor', 'leader', 'admin'] as const;
export const Locales = ['zh-CN', 'en'] as const;
export const RoleSchema = z
  .enum(Roles)
  .openapi({ description: 'holder 岗位责任人, supervisor 督查, leader 领导, admin 管理员' });
export const LocaleSchema = z.enum(Locales);

export const Email = z.email({ error: 'must be an email address' }).max(254).trim().toLowerCase();
export const Password = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

export const PersonSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    nameEn: z.string(),
    email: z.string(),
    locale: LocaleSchema,
    roles: z.array(RoleSchema),
    unitId: z.number().int(),
    unitName: z.string(),
    unitNameEn: z.string(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .openapi('Person');
export type PersonView = z.infer<typeof PersonSchema>;

export const PersonCreate = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().max(100).optional(),
    email: Email,
    unitId: z.number().int().positive(),
    roles: z.array(RoleSchema).min(1).max(4),
    locale: LocaleSchema.optional(),
    password: Password.optional(),
  })
  .openapi('PersonCreate');

export const PersonPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().max(100),
    email: Email,
    unitId: z.number().int().positive(),
    roles: z.array(RoleSchema).min(1).max(4),
    locale: LocaleSchema,
    active: z.boolean(),
    password: Password,
  })
  .partial()
  .openapi('PersonPatch');

export const MePatch = z.strictObject({ locale: LocaleSchema }).openapi('MePatch');

export const PeopleQuery = listQuery({
  q: z.string().trim().max(100).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  role: RoleSchema.optional(),
});
