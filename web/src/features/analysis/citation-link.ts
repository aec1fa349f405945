/** Where a cited record is shown in the app: the page listing records of its kind, at the record when it has an anchor. */
export function citationHref(kind: string, recordId: string): string {
  switch (kind) {
    case 'IMMUNIZATION':
      return `/timeline#Immunization-${recordId}`;
    case 'PROCEDURE':
      return `/timeline#Procedure-${recordId}`;
    case 'CONDITION':
      return `/timeline#Condition-${recordId}`;
    case 'OBSERVATION':
      return '/labs';
    case 'MEDICATION':
      return '/record';
    default:
      return '/dashboard';
  }
}

const KIND_LABEL: Record<string, string> = {
  PATIENT: 'your age and sex',
  OBSERVATION: 'result',
  IMMUNIZATION: 'vaccination',
  PROCEDURE: 'procedure',
  CONDITION: 'diagnosis',
  MEDICATION: 'medication',
};

/** The words a citation link shows. */
export function citationLabel(kind: string): string {
  return KIND_LABEL[kind] ?? 'record';
}
