// Answers of a technician's score evidence (warehouse/queries/score-evidence.ts) and the scorecard export.
import { Type, type Static } from 'typebox';
import type { ScoreEvidence } from '../../../warehouse/queries/score-evidence.ts';
import { NullableNumber, NullableString, sameShape } from './json-types.schema.ts';
import { binaryFile, csvText, fileReply } from './file-reply.schema.ts';

export const ScoreEvidenceReply = Type.Object({
  technician_id: Type.String(),
  period: Type.String(),
  satisfaction: Type.Array(Type.Object({ ticket_id: Type.String(), opened_at: Type.String(), rating: Type.Number() })),
  timeliness: Type.Array(
    Type.Object({ ticket_id: Type.String(), opened_at: Type.String(), sla_target: Type.String(), severity: NullableNumber }),
  ),
  first_time_fix: Type.Array(
    Type.Object({ ticket_id: Type.String(), opened_at: Type.String(), repeat_ticket_id: NullableString, visits: Type.Number() }),
  ),
  complaints: Type.Array(
    Type.Object({ complaint_id: Type.String(), ticket_id: NullableString, received_at: Type.String(), category: NullableString }),
  ),
});

export const ScorecardFileReply = fileReply('The scorecards of the period, as CSV (default) or XLSX (format=xlsx)', {
  'text/csv': csvText,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': binaryFile('an Excel workbook'),
});

sameShape<Static<typeof ScoreEvidenceReply>, ScoreEvidence>(
  (row) => row,
  (json) => json,
);
