import { sanitizePrompt } from '@holovitals/deidentify';
import { type ModelCallRecord, ModelClient, type ModelClientOptions } from '@holovitals/model-client';
import { ExtractionMethod } from '../entities/extraction-method';
import {
  EXTRACTED_CONDITION_SYSTEM,
  EXTRACTED_MEDICATION_SYSTEM,
  EXTRACTED_NAME_SYSTEM,
  ExtractionKind,
  ICD10_CM_SYSTEM,
} from '../entities/extraction.entity';
import type { LayoutBox } from '../entities/layout-box';
import { groupLines, lineText, type PageLayout } from '../pipeline/page-layout';
import { findReportDate, FLAG, parseRange, parseValue } from './lab-values';
import {
  MODEL_EXTRACTION_INSTRUCTION,
  MODEL_EXTRACTION_NAME,
  MODEL_EXTRACTION_TASK,
  type ModelExtraction,
  modelExtractionSchema,
} from './model-extraction-answer';
import {
  noConditionFields,
  noLabFields,
  noMedicationFields,
  normalizedName,
  type ProposedRow,
} from './proposed-row';

/** A model-only row is trusted less than a rule's: this times the OCR confidence of its line. */
export const MODEL_CONFIDENCE = 0.6;

const ICD10_CODE = /^[A-TV-Z]\d{2}(?:\.[0-9A-Z]{1,4})?$/;

interface SourceLine {
  text: string;
  box: LayoutBox;
  confidence: number;
}

export interface ModelExtractorDeps {
  model: ModelClientOptions;
  /** Audits the call and emits its cost; called for every HTTP call, failed ones and repairs included. */
  onCall: (call: ModelCallRecord) => Promise<void>;
  signal?: AbortSignal;
}

/** The sanitiser writes angle brackets in record text as guillemets (so text cannot close the data block). */
const unguarded = (text: string): string => text.replace(/‹/g, '<').replace(/›/g, '>');

/**
 * Results one page holds, as read by a language model: the page's lines go out de-identified in the data block (one
 * record per line, so each result points at its line and box), the answer must match `modelExtractionSchema`
 * (one repair, else `ModelError` MALFORMED_OUTPUT), surrogates are mapped back here, and a result is kept only when
 * it names a line of this page and its name is printed on that line: the model cannot add what the page does not say.
 */
export async function extractPageWithModel(
  deps: ModelExtractorDeps,
  page: PageLayout,
): Promise<ProposedRow[]> {
  const lines = new Map<string, SourceLine>();
  for (const [index, line] of groupLines(page.words).entries()) {
    const confidence = line.words.reduce((sum, word) => sum + word.confidence, 0) / line.words.length;
    lines.set(`p${page.pageNumber}.l${index + 1}`, { text: lineText(line), box: line.box, confidence });
  }
  if (lines.size === 0) return [];
  const prompt = sanitizePrompt({
    instruction: MODEL_EXTRACTION_INSTRUCTION,
    task: MODEL_EXTRACTION_TASK,
    records: [...lines].map(([id, line]) => ({ id, text: line.text })),
  });
  const client = new ModelClient(deps.model, { onCall: deps.onCall });
  const { value } = await client.completeJson(modelExtractionSchema, prompt, {
    name: MODEL_EXTRACTION_NAME,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  const back = (text: string): string => unguarded(prompt.pseudonymizer.reidentify(text)).trim();
  const orNull = (text: string | null): string | null => (text === null ? null : back(text) || null);
  const effectiveAt = findReportDate([...lines.values()].map((line) => line.text).join('\n'));
  return rowsOf(value, lines, back, orNull, page.pageNumber, effectiveAt);
}

function rowsOf(
  answer: ModelExtraction,
  lines: ReadonlyMap<string, SourceLine>,
  back: (text: string) => string,
  orNull: (text: string | null) => string | null,
  pageNumber: number,
  effectiveAt: Date | null,
): ProposedRow[] {
  const rows: ProposedRow[] = [];
  const source = (recordId: string, name: string) => {
    const line = lines.get(recordId);
    const printed = back(name);
    if (!line || printed === '' || !normalizedName(line.text).includes(normalizedName(printed))) return null;
    return {
      printed,
      where: {
        method: ExtractionMethod.MODEL,
        code: normalizedName(printed),
        display: printed,
        confidence: Math.round(MODEL_CONFIDENCE * line.confidence * 1000) / 1000,
        pageNumber,
        box: line.box,
      },
    };
  };
  for (const lab of answer.labResults) {
    const found = source(lab.recordId, lab.name);
    if (!found) continue;
    const valueText = back(lab.value);
    const range = orNull(lab.referenceRange);
    const bounds = range === null ? null : parseRange(range);
    const flag = orNull(lab.flag);
    rows.push({
      ...found.where,
      kind: ExtractionKind.LAB_RESULT,
      codeSystem: EXTRACTED_NAME_SYSTEM,
      value: parseValue(valueText),
      valueText,
      unit: orNull(lab.unit),
      referenceLow: bounds?.low ?? null,
      referenceHigh: bounds?.high ?? null,
      referenceText: range,
      flag: flag !== null && FLAG.test(flag) ? flag.toUpperCase() : null,
      effectiveAt,
      ...noConditionFields,
      ...noMedicationFields,
    });
  }
  for (const diagnosis of answer.diagnoses) {
    const found = source(diagnosis.recordId, diagnosis.name);
    if (!found) continue;
    const printedCode = orNull(diagnosis.icd10Code)?.toUpperCase() ?? null;
    const code = printedCode !== null && ICD10_CODE.test(printedCode) ? printedCode : null;
    const clinicalStatus = orNull(diagnosis.clinicalStatus)?.toLowerCase() ?? null;
    rows.push({
      ...found.where,
      kind: ExtractionKind.CONDITION,
      codeSystem: code ? ICD10_CM_SYSTEM : EXTRACTED_CONDITION_SYSTEM,
      code: code ?? found.where.code,
      valueText: clinicalStatus ?? '',
      clinicalStatus,
      onsetText: null,
      effectiveAt: null,
      ...noLabFields,
      ...noMedicationFields,
    });
  }
  for (const medication of answer.medications) {
    const found = source(medication.recordId, medication.name);
    if (!found) continue;
    const dose = orNull(medication.dose);
    const route = orNull(medication.route);
    const frequency = orNull(medication.frequency);
    rows.push({
      ...found.where,
      kind: ExtractionKind.MEDICATION,
      codeSystem: EXTRACTED_MEDICATION_SYSTEM,
      valueText: [dose, route, frequency].filter(Boolean).join(' '),
      dose,
      route,
      frequency,
      effectiveAt: null,
      ...noLabFields,
      ...noConditionFields,
    });
  }
  return rows;
}
