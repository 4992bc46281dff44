// Answers of the drill-down lists (GET /api/tickets, GET /api/complaints): a page of rows as JSON, the same rows
// as CSV (format=csv) or as an Arrow IPC stream (Accept: application/vnd.apache.arrow.stream). One property
// per column the query module selects, typed as its mart column (marts.tickets, marts.complaints).
import { Type, type TSchema } from 'typebox';
import type { TicketColumn } from '../../../warehouse/queries/ticket-list.ts';
import type { ComplaintColumn } from '../../../warehouse/queries/complaint-list.ts';
import { NullableNumber, NullableString, Timestamp, nullable } from './json-types.schema.ts';
import { arrowStream, csvText, fileReply } from './file-reply.schema.ts';

const NullableTimestamp = nullable(Timestamp);
const NullableBoolean = nullable(Type.Boolean());

const ticketRow: Record<TicketColumn, TSchema> = {
  ticket_id: Type.String(),
  opened_at: Timestamp,
  status: Type.String(),
  region: NullableString,
  city: NullableString,
  product_line: NullableString,
  product_model: NullableString,
  serial_no: NullableString,
  severity: NullableNumber,
  channel: NullableString,
  service_type: NullableString,
  fault_category: NullableString,
  fault_code: NullableString,
  technician_id: NullableString,
  first_response_at: NullableTimestamp,
  arrived_at: NullableTimestamp,
  resolved_at: NullableTimestamp,
  closed_at: NullableTimestamp,
  response_hours: NullableNumber,
  arrival_hours: NullableNumber,
  resolution_hours: NullableNumber,
  rating: NullableNumber,
  fee: NullableNumber,
};

const complaintRow: Record<ComplaintColumn, TSchema> = {
  complaint_id: Type.String(),
  received_at: Timestamp,
  category: NullableString,
  is_verified: NullableBoolean,
  is_escalated: NullableBoolean,
  responded_at: NullableTimestamp,
  resolved_at: NullableTimestamp,
  answer_hours: NullableNumber,
  resolve_hours: NullableNumber,
  ticket_id: NullableString,
  technician_id: NullableString,
  region: NullableString,
  product_line: NullableString,
  product_model: NullableString,
  severity: NullableNumber,
  channel: NullableString,
  service_type: NullableString,
};

const rowPage = (row: TSchema) =>
  Type.Object({
    total: Type.Integer({ description: 'rows that match, on every page' }),
    limit: Type.Integer(),
    offset: Type.Integer(),
    rows: Type.Array(row),
  });

const rowPageReply = (row: Record<string, TSchema>, what: string) =>
  fileReply(`A page of the ${what} (JSON), all of them as CSV (format=csv), or the page as Arrow`, {
    'application/json': rowPage(Type.Object(row)),
    'text/csv': csvText,
    'application/vnd.apache.arrow.stream': arrowStream,
  });

export const TicketPageReply = rowPageReply(ticketRow, 'tickets');
export const ComplaintPageReply = rowPageReply(complaintRow, 'complaints');
