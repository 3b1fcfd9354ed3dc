import type { Kysely } from 'kysely';
import { nodeHasher } from '../audit/node-hasher.ts';
import { auditedWrite } from '../audit/write.ts';
import type { DB } from '../db/types.ts';

/** Why a supervisor put a case in the library, by its root cause category. */
const NOTES: Record<string, string[]> = {
  people: [
    '岗位人员业务不熟导致的问题，整改中开展了岗位练兵，可供各窗口借鉴。',
    '以案促学：结合本案开展了首问负责制专题培训。',
  ],
  process: ['流程梳理到位，压缩了办理环节，值得推广。', '通过优化内部流转解决了同类问题反复出现的情况。'],
  system: ['系统故障应急处置及时，并完善了应急预案。', '与信息部门协同整改，从系统层面杜绝了同类问题。'],
  standard_or_guide: [
    '及时修订办事指南和材料清单，从源头解决一次性告知不到位的问题。',
    '标准修订与窗口培训同步推进，举一反三效果明显。',
  ],
  materials_or_environment: [
    '改善大厅服务环境，群众满意度明显提升。',
    '规范了材料收取和退还流程，可作为同类问题的整改范本。',
  ],
};
const PER_CATEGORY = 2;

/**
 * A few exemplary cases (典型案例) for the demo's case library: the latest closed forms of each cause
 * category with a systemic measure, marked by the centre's supervisor the day after closing, audited.
 */
export async function seedDemoCases(db: Kysely<DB>, options: { now: Date }) {
  const supervisor = await db
    .selectFrom('people')
    .select('id')
    .where('email', '=', 'supervisor@centre.example')
    .executeTakeFirst();
  if (!supervisor) return 0;
  return auditedWrite(db, { actorId: supervisor.id, hasher: nodeHasher }, async (tx, audit) => {
    const forms = await tx
      .selectFrom('forms as f')
      .select(['f.id', 'f.unitId', 'f.closedAt', 'f.rootCause'])
      .where('f.status', '=', 'closed')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('formMeasures as m')
            .select('m.id')
            .whereRef('m.formId', '=', 'f.id')
            .where('m.kind', '=', 'systemic'),
        ),
      )
      .orderBy('f.closedAt', 'desc')
      .orderBy('f.id', 'desc')
      .execute();
    const taken = new Map<string, number>();
    let marked = 0;
    for (const form of forms) {
      const category = (form.rootCause as { category?: string } | null)?.category ?? '';
      const notes = NOTES[category];
      const n = taken.get(category) ?? 0;
      if (!notes || n >= PER_CATEGORY || !form.closedAt) continue;
      taken.set(category, n + 1);
      const note = notes[n % notes.length] as string;
      const markedAt = new Date(
        Math.min(new Date(form.closedAt).getTime() + 86_400_000, options.now.getTime()),
      );
      await tx
        .insertInto('exemplaryCases')
        .values({ formId: form.id, note, markedBy: supervisor.id, markedAt })
        .execute();
      await audit({
        action: 'form.exemplary_marked',
        entityType: 'form',
        entityId: form.id,
        unitId: form.unitId,
        before: { exemplary: null },
        after: { exemplary: { note, markedBy: supervisor.id } },
      });
      marked++;
    }
    return marked;
  });
}
