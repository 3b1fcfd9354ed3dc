import type { z } from 'zod';
import type {
  AccountabilityListSchema,
  AccountabilityRecordView,
} from '../../../server/accountability/schema.ts';

/** The accountability register (问责台账), read page by page through `FilteredList` at `/accountability`. */
export type { AccountabilityRecordView };
export type AccountabilityPage = z.infer<typeof AccountabilityListSchema>;
