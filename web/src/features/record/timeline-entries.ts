export type TimelineKind = 'Encounter' | 'Procedure' | 'Immunization' | 'Condition';

export interface TimelineEntry {
  id: string;
  kind: TimelineKind;
  title: string;
  at: string;
}

export interface TimelineSources {
  encounters: { id: string; resource: unknown }[];
  procedures: { id: string; display?: string | null; performedStart?: string | null }[];
  immunizations: { id: string; display?: string | null; occurrenceAt?: string | null }[];
  conditions: { id: string; display?: string | null; onsetAt?: string | null }[];
}

interface EncounterJson {
  period?: { start?: unknown };
  type?: { text?: unknown; coding?: { display?: unknown }[] }[];
  class?: { code?: unknown };
}

function encounterEntry(id: string, resource: unknown): TimelineEntry | null {
  if (typeof resource !== 'object' || resource === null) return null;
  const encounter = resource as EncounterJson;
  const start = encounter.period?.start;
  if (typeof start !== 'string') return null;
  const type = encounter.type?.[0];
  const name = [type?.text, type?.coding?.[0]?.display, encounter.class?.code].find(
    (candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '',
  );
  return { id, kind: 'Encounter', title: name ?? 'Visit', at: start };
}

/** Visits, procedures, vaccinations and new diagnoses on one line, newest first; undated items are left out. */
export function timelineEntries(sources: TimelineSources): TimelineEntry[] {
  const entries: (TimelineEntry | null)[] = [
    ...sources.encounters.map((item) => encounterEntry(item.id, item.resource)),
    ...sources.procedures.map((item) =>
      item.performedStart
        ? {
            id: item.id,
            kind: 'Procedure' as const,
            title: item.display ?? 'Procedure',
            at: item.performedStart,
          }
        : null,
    ),
    ...sources.immunizations.map((item) =>
      item.occurrenceAt
        ? {
            id: item.id,
            kind: 'Immunization' as const,
            title: item.display ?? 'Vaccination',
            at: item.occurrenceAt,
          }
        : null,
    ),
    ...sources.conditions.map((item) =>
      item.onsetAt
        ? { id: item.id, kind: 'Condition' as const, title: item.display ?? 'Diagnosis', at: item.onsetAt }
        : null,
    ),
  ];
  return entries
    .filter((entry): entry is TimelineEntry => entry !== null && !Number.isNaN(Date.parse(entry.at)))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** Entries grouped by calendar year, keeping their order. */
export function byYear(entries: TimelineEntry[]): { year: number; entries: TimelineEntry[] }[] {
  const groups: { year: number; entries: TimelineEntry[] }[] = [];
  for (const entry of entries) {
    const year = new Date(entry.at).getUTCFullYear();
    const last = groups[groups.length - 1];
    if (last?.year === year) last.entries.push(entry);
    else groups.push({ year, entries: [entry] });
  }
  return groups;
}
