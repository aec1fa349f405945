import type { RecordSeen } from './prompt-reading';

/** The structured-output name the documents worker asks for; answered by the line reader below. */
export const DOCUMENT_EXTRACTION_SCHEMA_NAME = 'document_extraction';

interface LabResult {
  recordId: string;
  name: string;
  value: string;
  unit: string | null;
  referenceRange: string | null;
  flag: string | null;
}
interface Diagnosis {
  recordId: string;
  name: string;
  icd10Code: string | null;
  clinicalStatus: string | null;
}
interface Medication {
  recordId: string;
  name: string;
  dose: string | null;
  route: string | null;
  frequency: string | null;
}
export interface DocumentExtractionAnswer {
  labResults: LabResult[];
  diagnoses: Diagnosis[];
  medications: Medication[];
}

const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
// The sanitiser writes < and > inside records as ‹ and ›.
const LAB_LINE = new RegExp(
  String.raw`^(?<name>[A-Za-z][A-Za-z0-9 ,()/%-]*?[A-Za-z0-9)])\s+(?<value>[<>‹›]?=?\s*${NUMBER})\s+` +
    String.raw`(?<unit>[A-Za-zµ%][^\s]*)(?:\s+(?<range>[<>‹›]?=?\s*${NUMBER}(?:\s*(?:-|–|to)\s*${NUMBER})?))?` +
    String.raw`(?:\s+(?<flag>HH|LL|H|L|A))?\s*$`,
);
const DIAGNOSIS =
  /\b(?:diagnosed with|diagnosis of|history of)\s+(?<name>[A-Za-z][A-Za-z0-9 '-]*?)(?:\s*\((?<code>[A-Z]\d{2}(?:\.\d{1,4})?)\))?(?=\s*[.,;]|\s+(?:and|on|in|since|after)\b|\s*$)/gi;
const MEDICATION =
  /\b(?:started on|start|continue|continued on|prescribed|taking|takes)\s+(?<name>[A-Za-z][A-Za-z-]+)\s+(?<dose>\d+(?:\.\d+)?\s*(?:mg|mcg|g|mL|units?))\b(?:\s+(?<route>by mouth|orally|inhaled|subcutaneously|topically))?(?:\s+(?<frequency>once daily|twice daily|three times daily|daily|at bedtime|every \d+ hours))?/gi;

/**
 * A deterministic reading of a document page sent one line per record: a line shaped like a lab table row
 * (name, value, unit, optional range and flag), "diagnosed with X (code)" and "started on DRUG 10 mg by mouth
 * daily" in prose. An order in the instruction position is obeyed (one diagnosis named by it, as a naive model
 * might); the same words inside a record are page text and change nothing.
 */
export function answerDocumentExtraction(
  records: readonly RecordSeen[],
  order: string | null,
): DocumentExtractionAnswer {
  if (order !== null) {
    const first = records[0]?.id ?? 'none';
    return {
      labResults: [],
      diagnoses: [{ recordId: first, name: order, icd10Code: null, clinicalStatus: null }],
      medications: [],
    };
  }
  const answer: DocumentExtractionAnswer = { labResults: [], diagnoses: [], medications: [] };
  for (const { id, text } of records) {
    const lab = LAB_LINE.exec(text.trim())?.groups;
    if (lab) {
      answer.labResults.push({
        recordId: id,
        name: lab.name as string,
        value: (lab.value as string).replace(/\s+/g, ''),
        unit: lab.unit ?? null,
        referenceRange: lab.range ?? null,
        flag: lab.flag ?? null,
      });
      continue;
    }
    for (const match of text.matchAll(DIAGNOSIS)) {
      const found = match.groups ?? {};
      answer.diagnoses.push({
        recordId: id,
        name: (found.name as string).trim(),
        icd10Code: found.code ?? null,
        clinicalStatus: null,
      });
    }
    for (const match of text.matchAll(MEDICATION)) {
      const found = match.groups ?? {};
      answer.medications.push({
        recordId: id,
        name: found.name as string,
        dose: found.dose ?? null,
        route: found.route ?? null,
        frequency: found.frequency ?? null,
      });
    }
  }
  return answer;
}
