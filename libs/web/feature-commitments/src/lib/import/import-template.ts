import { COMMITMENT_CSV_COLUMN_HELP, COMMITMENT_CSV_COMPUTED_COLUMNS, type CommitmentCsvColumn } from '@pactwatch/shared/contracts';

/** The columns an import reads (the computed ones are exported for reading only). */
export const TEMPLATE_COLUMNS = (Object.keys(COMMITMENT_CSV_COLUMN_HELP) as CommitmentCsvColumn[]).filter(
  (column) => !COMMITMENT_CSV_COMPUTED_COLUMNS.includes(column),
);

const MOU = 'Memorandum of Understanding between Azerbaijan and the United States on a Strategic Partnership Charter';

/** Two example rows from the reference case, in the words the forms use. */
const EXAMPLES: Partial<Record<CommitmentCsvColumn, string>>[] = [
  {
    ref_code: 'MY-2025-01',
    title: 'Agree the Charter’s outline',
    agreement: MOU,
    agreement_kind: 'MoU',
    agreement_signed_on: '2025-08-08',
    responsible_body: 'Joint working group',
    parties: 'AZ;US',
    areas: 'energy;trade',
    deadline_kind: 'After an event',
    deadline_duration: '6 months',
    anchor_event: 'MoU signed',
    anchor_event_date: '2025-08-08',
    status: 'In progress',
    progress: '20',
    source_quote: 'The Parties shall establish a joint working group to draft a Strategic Partnership Charter within six months.',
    source_locator: 'Paragraph 2',
  },
  {
    ref_code: 'MY-2025-01.1',
    title: 'Circulate the outline to both governments',
    agreement: MOU,
    parent_ref_code: 'MY-2025-01',
    responsible_body: 'Joint working group',
    parties: 'AZ;US',
    deadline_kind: 'By a date',
    deadline_date: '2025-09-30',
    deadline_precision: 'End of month',
    status: 'Not started',
    progress: '0',
  },
];

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The template file: the header and the two examples. */
export function templateCsv(): string {
  const rows = [TEMPLATE_COLUMNS, ...EXAMPLES.map((example) => TEMPLATE_COLUMNS.map((column) => example[column] ?? ''))];
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
