import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import type { StoredBytes } from './store.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Whose evidence: a form's or an inspection's (one table, exactly one owner per file). */
export type EvidenceOwner = 'formId' | 'inspectionId';

export function attachmentsOf(db: Db, owner: EvidenceOwner, ownerId: number) {
  return db
    .selectFrom('formAttachments as t')
    .innerJoin('people as u', 'u.id', 't.uploadedBy')
    .select([
      't.id',
      't.filename',
      't.contentType',
      't.size',
      't.sha256',
      't.createdAt',
      'u.id as uploaderId',
      'u.name as uploaderName',
      'u.nameEn as uploaderNameEn',
    ])
    .where(`t.${owner}`, '=', ownerId)
    .orderBy('t.id')
    .execute();
}

export async function insertAttachment(
  tx: Transaction<DB>,
  owner: EvidenceOwner,
  ownerId: number,
  values: {
    filename: string;
    contentType: string;
    size: number;
    sha256: string;
    uploadedBy: number;
  },
  bytes: StoredBytes,
) {
  const meta = values;
  const blob = await tx
    .insertInto('blobs')
    .values({ sha256: meta.sha256, size: meta.size, ...bytes })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id } = await tx
    .insertInto('formAttachments')
    .values({ ...meta, [owner]: ownerId, blobId: blob.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function attachmentFile(db: Db, owner: EvidenceOwner, ownerId: number, attachmentId: number) {
  return db
    .selectFrom('formAttachments as t')
    .innerJoin('blobs as b', 'b.id', 't.blobId')
    .select(['t.filename', 't.contentType', 't.size', 't.sha256', 'b.data', 'b.storeKey'])
    .where('t.id', '=', attachmentId)
    .where(`t.${owner}`, '=', ownerId)
    .executeTakeFirst();
}
