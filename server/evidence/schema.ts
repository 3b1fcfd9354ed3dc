import { z } from '@hono/zod-openapi';
import { NamedRef } from '../common/schema.ts';

export const AttachmentSchema = z
  .object({
    id: z.number().int(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploadedBy: NamedRef,
    createdAt: z.string(),
  })
  .openapi('Attachment');
export type AttachmentView = z.infer<typeof AttachmentSchema>;
