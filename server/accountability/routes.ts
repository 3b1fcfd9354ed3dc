import { createRoute } from '@hono/zod-openapi';
import { json, problems } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { batches, EXPORT_BATCH, exportRoute, ledgerResponse } from '../ledger/export.ts';
import { accountabilityLedger } from './ledger.ts';
import { AccountabilityExportQuery, AccountabilityListSchema, AccountabilityQuery } from './schema.ts';
import { listAccountability, registerQuery } from './service.ts';

const tag = 'accountability';

export const accountabilityRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: [tag],
      summary:
        'The accountability register: each outcome decided at closing, per person and post, newest first (admins all; supervisors and leaders their units; everyone their own and their posts’)',
      request: { query: AccountabilityQuery },
      responses: { 200: json(AccountabilityListSchema), ...problems(400, 401) },
    }),
    async (c) => c.json(await listAccountability(c, c.req.valid('query')), 200),
  )
  .openapi(
    exportRoute({
      tag,
      summary: 'The accountability register with the list’s filters, as XLSX or CSV',
      query: AccountabilityExportQuery,
    }),
    async (c) => {
      const { format, lang, ...filter } = c.req.valid('query');
      const base = await registerQuery(c, filter);
      const rows = batches(
        (before?: number) =>
          (before === undefined ? base : base.where('a.id', '<', before))
            .orderBy('a.id', 'desc')
            .limit(EXPORT_BATCH)
            .execute(),
        (r) => r.id,
      );
      return ledgerResponse(c, accountabilityLedger(c.get('deps').timeZone), { format, lang, rows });
    },
  );
