import type { AttachmentView } from '../../../server/evidence/schema.ts';
import { api, send } from './client.ts';

export type { AttachmentView };

/** The largest evidence file the server takes. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/**
 * Evidence files (佐证材料) of a record that takes them, named by its API path: `/forms/12`, `/inspections/5`.
 * Forms and checks share the same endpoints under their own paths.
 */
export const evidenceApi = {
  list: async (owner: string) => (await api.get<{ items: AttachmentView[] }>(`${owner}/attachments`)).items,

  /** Uploads one evidence file as the multipart field `file`. */
  attach: async (owner: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return (await send<AttachmentView>('POST', `${owner}/attachments`, { form })).body;
  },

  /** A plain download link (the browser streams the file). */
  url: (owner: string, attachmentId: number) => `/api${owner}/attachments/${attachmentId}`,
};
