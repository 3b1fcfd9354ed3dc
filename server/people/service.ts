import type { z } from '@hono/zod-openapi';
import { pick } from '../audit/diff.ts';
import { type AppContext, audited, me, requireRole } from '../http/context.ts';
import { l, problem } from '../http/problem.ts';
import { insertPerson, personById, updatePerson } from './queries.ts';
import type { MePatch, PersonCreate, PersonPatch, PersonView } from './schema.ts';

export async function getPerson(c: AppContext, id: number): Promise<PersonView> {
  const person = await personById(c.get('deps').db, id);
  if (!person) throw problem.notFound(l('person', '人员'));
  return person;
}

export async function createPerson(c: AppContext, body: z.infer<typeof PersonCreate>): Promise<PersonView> {
  requireRole(c, 'admin');
  const { password, ...fields } = body;
  const passwordHash = password ? await c.get('deps').passwords.hash(password) : null;
  const id = await audited(c, async (tx, audit) => {
    const id = await insertPerson(tx, { ...fields, passwordHash });
    await audit({
      action: 'person.created',
      unitId: fields.unitId,
      entityType: 'person',
      entityId: id,
      after: { ...fields, passwordSet: !!password },
    });
    return id;
  });
  return getPerson(c, id);
}

export async function patchPerson(
  c: AppContext,
  id: number,
  version: number,
  body: z.infer<typeof PersonPatch>,
): Promise<PersonView> {
  const actor = requireRole(c, 'admin');
  const before = await getPerson(c, id);
  if (actor.id === id && (body.active === false || (body.roles && !body.roles.includes('admin')))) {
    throw problem.conflict(
      l(
        'You cannot remove your own admin role or deactivate yourself; ask another admin.',
        '不能取消自己的管理员角色或停用自己，请由其他管理员操作。',
      ),
    );
  }
  const { password, ...fields } = body;
  const passwordHash = password ? await c.get('deps').passwords.hash(password) : undefined;
  await audited(c, async (tx, audit) => {
    const updated = await updatePerson(tx, id, version, {
      ...fields,
      ...(passwordHash ? { passwordHash } : {}),
    });
    if (!updated) throw problem.preconditionFailed();
    if (password || fields.active === false) {
      // Changed credentials or a deactivation end the person's sessions.
      await tx.deleteFrom('sessions').where('personId', '=', id).execute();
    }
    await audit({
      action: 'person.updated',
      unitId: fields.unitId ?? before.unitId,
      entityType: 'person',
      entityId: id,
      before: pick(before, Object.keys(fields)),
      after: { ...fields, ...(password ? { passwordChanged: true } : {}) },
    });
  });
  return getPerson(c, id);
}

/** A person's own preferences (today: the language they read the app in). */
export async function patchMe(c: AppContext, body: z.infer<typeof MePatch>): Promise<PersonView> {
  const self = me(c);
  const before = await getPerson(c, self.id);
  await audited(c, async (tx, audit) => {
    const updated = await updatePerson(tx, self.id, before.version, body);
    if (!updated)
      throw problem.conflict(
        l('Your profile changed at the same time; try again.', '您的资料同时被修改，请重试。'),
      );
    await audit({
      action: 'person.preferences_changed',
      entityType: 'person',
      entityId: self.id,
      before: { locale: before.locale },
      after: body,
    });
  });
  return getPerson(c, self.id);
}
