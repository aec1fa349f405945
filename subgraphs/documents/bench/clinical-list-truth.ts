/** The discharge summaries the clinical-list fixtures are rendered from: what a perfect reader would extract. */
export interface TruthCondition {
  name: string;
  icd10Code: string;
  status: string;
}

export interface TruthMedication {
  name: string;
  dose: string;
  route: string;
  frequency: string;
}

export interface ClinicalSummary {
  id: string;
  title: string;
  /** Tables with headers, or bulleted lines without any. */
  layout: 'table' | 'list';
  conditions: TruthCondition[];
  medications: TruthMedication[];
}

export const CLINICAL_SUMMARIES: ClinicalSummary[] = [
  {
    id: 'discharge-summary',
    title: 'Discharge Summary',
    layout: 'table',
    conditions: [
      { name: 'Type 2 diabetes mellitus', icd10Code: 'E11.9', status: 'active' },
      { name: 'Essential hypertension', icd10Code: 'I10', status: 'active' },
      { name: 'Community acquired pneumonia', icd10Code: 'J18.9', status: 'resolved' },
      { name: 'Hyperlipidemia', icd10Code: 'E78.5', status: 'active' },
    ],
    medications: [
      { name: 'Metformin', dose: '500 mg', route: 'oral', frequency: 'twice daily' },
      { name: 'Lisinopril', dose: '10 mg', route: 'oral', frequency: 'once daily' },
      { name: 'Atorvastatin', dose: '40 mg', route: 'oral', frequency: 'at bedtime' },
      { name: 'Insulin glargine', dose: '12 units', route: 'subcutaneous', frequency: 'at bedtime' },
    ],
  },
  {
    id: 'problem-medication-list',
    title: 'Clinic Visit Summary',
    layout: 'list',
    conditions: [
      { name: 'Asthma', icd10Code: 'J45.909', status: 'active' },
      { name: 'Major depressive disorder', icd10Code: 'F32.9', status: 'active' },
      { name: 'Iron deficiency anemia', icd10Code: 'D50.9', status: 'resolved' },
    ],
    medications: [
      { name: 'Albuterol', dose: '2 puffs', route: 'inhaled', frequency: 'every 6 hours as needed' },
      { name: 'Sertraline', dose: '50 mg', route: 'oral', frequency: 'once daily' },
      { name: 'Fluticasone', dose: '1 puff', route: 'inhaled', frequency: 'twice daily' },
    ],
  },
];

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The summary as a typeset page: header block, a Diagnoses section and a Medications section. */
export function summaryHtml(summary: ClinicalSummary): string {
  const diagnoses =
    summary.layout === 'table'
      ? `<table><tr><th>Diagnosis</th><th>ICD-10</th><th>Status</th></tr>${summary.conditions
          .map(
            (row) =>
              `<tr><td>${row.name}</td><td>${row.icd10Code}</td><td>${capitalized(row.status)}</td></tr>`,
          )
          .join('')}</table>`
      : `<ul>${summary.conditions
          .map(
            (row) =>
              `<li>${row.name} (${row.icd10Code})${row.status === 'resolved' ? ' - resolved' : ''}</li>`,
          )
          .join('')}</ul>`;
  const medications =
    summary.layout === 'table'
      ? `<table><tr><th>Medication</th><th>Dose</th><th>Route</th><th>Frequency</th></tr>${summary.medications
          .map(
            (row) =>
              `<tr><td>${row.name}</td><td>${row.dose}</td><td>${row.route}</td><td>${row.frequency}</td></tr>`,
          )
          .join('')}</table>`
      : `<ul>${summary.medications
          .map((row) => `<li>${row.name} ${row.dose} ${row.route} ${row.frequency}</li>`)
          .join('')}</ul>`;
  return `<!doctype html><html><head><style>
    body { font-family: 'DejaVu Sans', sans-serif; font-size: 15px; margin: 40px; color: #000; background: #fff; }
    h1 { font-size: 22px; margin: 0 0 6px; } h2 { font-size: 17px; margin: 26px 0 8px; } p { margin: 2px 0; }
    table { border-collapse: collapse; } th, td { text-align: left; padding: 6px 28px 6px 0; }
    th { border-bottom: 1px solid #000; } ul { margin: 0; padding-left: 22px; } li { margin: 5px 0; }
  </style></head><body>
    <h1>Riverside General Hospital</h1>
    <p>${summary.title}</p>
    <p>Patient: Alex Example</p>
    <p>Date: 2026-11-18</p>
    <h2>Diagnoses</h2>${diagnoses}
    <h2>Medications</h2>${medications}
    <h2>Follow-up:</h2><p>Primary care in two weeks.</p>
  </body></html>`;
}
