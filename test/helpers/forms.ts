import { expect } from 'vitest';
import { DEMO, type Harness, uniqueCode } from './app.ts';

/** Factories for improvement forms, through the API as a person would make them. */
export interface FormFixture {
  id: number;
  etag: string;
  status: string;
  [key: string]: unknown;
}

export interface World {
  h: Harness;
  cookies: Record<'admin' | 'supervisor' | 'leader' | 'holder' | 'worker' | 'outsider', string>;
  /** A fresh window post held by `worker` since 2024-01-01, in a fresh section of the centre. */
  postId: number;
  unitId: number;
  workerId: number;
}

async function json(res: Response) {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A unit, a post and two new people: a worker who holds the post and an outsider who holds another. */
export async function makeWorld(h: Harness): Promise<World> {
  const admin = await h.signIn(DEMO.admin);
  const root = (await json(await h.call('GET', '/api/units?root=true', { cookie: admin }))).items[0];
  const unit = await json(
    await h.call('POST', '/api/units', {
      cookie: admin,
      body: { code: uniqueCode('FU'), name: '表单测试科', level: 'city', kind: 'section', parentId: root.id },
    }),
  );
  const person = async (roles: string[]) => {
    const email = `${uniqueCode('p').toLowerCase()}@centre.example`;
    const res = await h.call('POST', '/api/people', {
      cookie: admin,
      body: { name: '测试人员', email, unitId: unit.id, roles, password: 'a-long-password' },
    });
    expect(res.status).toBe(201);
    return { ...(await json(res)), email };
  };
  const post = async (holderId: number) => {
    const res = await h.call('POST', '/api/posts', {
      cookie: admin,
      body: { code: uniqueCode('FW'), name: '测试窗口', kind: 'window', unitId: unit.id },
    });
    const created = await json(res);
    const assigned = await h.call('POST', `/api/posts/${created.id}/assignments`, {
      cookie: admin,
      headers: { 'If-Match': res.headers.get('etag') as string },
      body: { personId: holderId, fromDate: '2024-01-01' },
    });
    expect(assigned.status).toBe(200);
    return created.id as number;
  };
  const worker = await person(['holder']);
  const outsider = await person(['holder']);
  const postId = await post(worker.id);
  await post(outsider.id);
  return {
    h,
    postId,
    unitId: unit.id,
    workerId: worker.id,
    cookies: {
      admin,
      supervisor: await h.signIn(DEMO.supervisor),
      leader: await h.signIn(DEMO.leader),
      holder: await h.signIn(DEMO.holder),
      worker: await h.signIn(worker.email, 'a-long-password'),
      outsider: await h.signIn(outsider.email, 'a-long-password'),
    },
  };
}

export async function fileForm(w: World, overrides: Record<string, unknown> = {}, cookie = w.cookies.worker) {
  const res = await w.h.call('POST', '/api/forms', {
    cookie,
    body: {
      problem: '受理环节未一次性告知申请人需补正的全部材料',
      occurredOn: '2026-01-05',
      source: 'self_inspection',
      postId: w.postId,
      grade: 'B',
      ...overrides,
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return { ...(await json(res)), etag: res.headers.get('etag') as string } as FormFixture;
}

export async function move(w: World, form: FormFixture, cookie: string, body: Record<string, unknown>) {
  const res = await w.h.call('POST', `/api/forms/${form.id}/transitions`, {
    cookie,
    body,
    headers: { 'If-Match': form.etag },
  });
  const out = await json(res.clone());
  return { res, form: { ...out, etag: res.headers.get('etag') } as FormFixture };
}

export async function patch(w: World, form: FormFixture, cookie: string, body: Record<string, unknown>) {
  const res = await w.h.call('PATCH', `/api/forms/${form.id}`, {
    cookie,
    body,
    headers: { 'If-Match': form.etag },
  });
  const out = await json(res.clone());
  return { res, form: { ...out, etag: res.headers.get('etag') } as FormFixture };
}

export const ROOT_CAUSE = {
  whys: ['未一次性告知', '窗口人员不熟悉材料清单', '办事指南未及时更新'],
  category: 'standard_or_guide',
};
export const VERIFIED = { method: 'file_review', result: 'pass', notes: '抽查 10 件，均一次性告知' };
export const ACCOUNTED = { outcome: 'reminder_talk', notes: '提醒谈话' };

/**
 * A form brought to `status` through the real life cycle (by the worker and the demo supervisor). `ready`
 * also meets the needs of its next step: a root cause and done measures. `filed` overrides the filing's
 * fields; `accountability` is what the closing records.
 */
export async function formIn(
  w: World,
  status: string,
  ready = false,
  filed: Record<string, unknown> = {},
  accountability: Record<string, unknown> = ACCOUNTED,
): Promise<FormFixture> {
  if (status === 'draft') return fileForm(w, { draft: true, ...filed });
  let form = await fileForm(w, filed);
  if (status === 'open' && ready) {
    const r = await patch(w, form, w.cookies.worker, {
      rootCause: ROOT_CAUSE,
      measures: [
        {
          kind: 'immediate',
          text: '当场补正告知',
          ownerId: w.workerId,
          dueOn: '2026-12-31',
          doneOn: '2026-01-10',
        },
      ],
    });
    expect(r.res.status).toBe(200);
    return r.form;
  }
  if (status === 'open') return form;
  if (status === 'cancelled') {
    const r = await move(w, form, w.cookies.supervisor, { to: 'cancelled', reason: '重复登记' });
    expect(r.res.status).toBe(200);
    return r.form;
  }
  const dueOn = '2026-12-31';
  const step = async (r: { res: Response; form: FormFixture }) => {
    expect(r.res.status, JSON.stringify(r.form)).toBe(200);
    form = r.form;
  };
  await step(
    await patch(w, form, w.cookies.worker, {
      rootCause: ROOT_CAUSE,
      measures: [{ kind: 'immediate', text: '当场补正告知', ownerId: w.workerId, dueOn }],
    }),
  );
  await step(await move(w, form, w.cookies.worker, { to: 'in_progress' }));
  if (status === 'in_progress' && !ready) return form;
  const measures = (
    form.measures as { id: number; kind: string; text: string; owner: { id: number }; dueOn: string }[]
  ).map((m) => ({
    id: m.id,
    kind: m.kind,
    text: m.text,
    ownerId: m.owner.id,
    dueOn: m.dueOn,
    doneOn: '2026-01-20',
  }));
  await step(await patch(w, form, w.cookies.worker, { measures }));
  if (status === 'in_progress') return form;
  await step(await move(w, form, w.cookies.worker, { to: 'verifying' }));
  if (status === 'verifying') return form;
  await step(
    await move(w, form, w.cookies.supervisor, {
      to: 'closed',
      verification: VERIFIED,
      accountability,
    }),
  );
  return form;
}
