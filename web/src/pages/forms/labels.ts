/** The labels of the improvement form's enums: one table, shared with the emails (server/forms/labels.ts). */
export {
  cardLabels,
  causeCategoryLabels,
  measureKindLabels,
  outcomeLabels,
  sourceLabels,
  statusLabels,
  verificationMethodLabels,
  verificationResultLabels,
  warningCardLabels,
} from '../../../../server/forms/labels.ts';
