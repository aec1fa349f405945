/**
 * How much a cached model context is worth keeping, 0–1. A context dense in clinical facts (values with units,
 * coded results, abnormal flags, diagnoses, medications) scores high; one that is mostly prose scores low. The
 * score decays with age (half-life `halfLifeDays`) and is lifted by recent reads, so what users return to stays.
 */
const CLINICAL_SIGNALS = [
  /\b\d+(?:\.\d+)?\s?(?:mg\/dL|mmol\/L|g\/dL|mmHg|bpm|%|mg|mcg|IU|U\/L|ng\/mL|kg|cm)\b/gi,
  /\b(?:high|low|abnormal|critical|elevated|decreased|positive|out of range)\b/gi,
  /\b(?:diagnos(?:is|ed)|condition|medication|allerg(?:y|ic)|immuniz(?:ation|ed)|procedure)\b/gi,
  /\b[A-Z]\d{2}(?:\.\d{1,4})?\b|\b\d{4,5}-\d\b/g,
];

export function contentImportance(text: string): number {
  const words = Math.max(1, text.split(/\s+/).filter(Boolean).length);
  const signals = CLINICAL_SIGNALS.reduce((total, pattern) => total + (text.match(pattern)?.length ?? 0), 0);
  // Saturates: one signal per five words is as dense as clinical text gets.
  return Math.min(1, (signals * 5) / words);
}

export interface ImportanceInputs {
  content: number;
  createdAt: Date;
  lastAccessedAt: Date | null;
  accessCount: number;
  now: Date;
  halfLifeDays: number;
}

const DAY_MS = 86_400_000;

export function currentImportance(inputs: ImportanceInputs): number {
  const ageDays = Math.max(0, inputs.now.getTime() - inputs.createdAt.getTime()) / DAY_MS;
  const decay = 0.5 ** (ageDays / inputs.halfLifeDays);
  const sinceRead = inputs.lastAccessedAt
    ? Math.max(0, inputs.now.getTime() - inputs.lastAccessedAt.getTime()) / DAY_MS
    : Number.POSITIVE_INFINITY;
  const use = Math.min(1, inputs.accessCount / 10) * 0.5 ** (sinceRead / inputs.halfLifeDays);
  return round(Math.min(1, 0.7 * inputs.content * decay + 0.3 * use));
}

/** Cold retention scales with importance: half the configured retention at 0, one and a half times at 1. */
export function retainedUntil(createdAt: Date, importance: number, retentionSeconds: number): Date {
  return new Date(createdAt.getTime() + retentionSeconds * 1000 * (0.5 + importance));
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
