/** The lab reports the fixtures are rendered from: what a perfect reader would extract from each. */
export interface TruthRow {
  name: string;
  value: string;
  unit: string;
  range: string;
  flag: string;
}

export interface LabReport {
  id: string;
  title: string;
  collected: string;
  rows: TruthRow[];
}

export const LAB_REPORTS: LabReport[] = [
  {
    id: 'metabolic-panel',
    title: 'Comprehensive Metabolic Panel',
    collected: '2026-11-20',
    rows: [
      { name: 'Glucose', value: '98', unit: 'mg/dL', range: '70-99', flag: '' },
      { name: 'Sodium', value: '148', unit: 'mmol/L', range: '136-145', flag: 'H' },
      { name: 'Potassium', value: '4.1', unit: 'mmol/L', range: '3.5-5.1', flag: '' },
      { name: 'Chloride', value: '101', unit: 'mmol/L', range: '98-107', flag: '' },
      { name: 'Creatinine', value: '0.92', unit: 'mg/dL', range: '0.70-1.30', flag: '' },
      { name: 'Urea nitrogen', value: '22', unit: 'mg/dL', range: '7-20', flag: 'H' },
      { name: 'Calcium', value: '9.4', unit: 'mg/dL', range: '8.6-10.3', flag: '' },
      { name: 'Magnesium', value: '1.6', unit: 'mg/dL', range: '1.7-2.2', flag: 'L' },
    ],
  },
  {
    id: 'lipid-thyroid',
    title: 'Lipid and Thyroid Panel',
    collected: '2026-10-03',
    rows: [
      { name: 'LDL cholesterol', value: '131', unit: 'mg/dL', range: '0-99', flag: 'H' },
      { name: 'Non-HDL cholesterol', value: '152', unit: 'mg/dL', range: '0-129', flag: 'H' },
      { name: 'TSH', value: '2.31', unit: 'mIU/L', range: '0.40-4.50', flag: '' },
      { name: 'Free T4', value: '1.2', unit: 'ng/dL', range: '0.8-1.8', flag: '' },
      { name: 'Ferritin', value: '18', unit: 'ng/mL', range: '30-400', flag: 'L' },
      { name: 'Vitamin B12', value: '412', unit: 'pg/mL', range: '200-900', flag: '' },
    ],
  },
  {
    id: 'inflammation-coag',
    title: 'Inflammation and Coagulation',
    collected: '2026-09-14',
    rows: [
      { name: 'C reactive protein', value: '12.5', unit: 'mg/L', range: '0.0-5.0', flag: 'H' },
      { name: 'INR', value: '1.1', unit: 'ratio', range: '0.8-1.2', flag: '' },
      { name: 'Lipase', value: '45', unit: 'U/L', range: '13-60', flag: '' },
      { name: 'Amylase', value: '88', unit: 'U/L', range: '28-100', flag: '' },
      { name: 'Uric acid', value: '7.9', unit: 'mg/dL', range: '3.4-7.0', flag: 'H' },
    ],
  },
];

/** The report as a typeset page: header block, then a table with Test / Result / Unit / Reference Range / Flag. */
export function reportHtml(report: LabReport): string {
  const rows = report.rows
    .map(
      (row) =>
        `<tr><td>${row.name}</td><td>${row.value}</td><td>${row.unit}</td><td>${row.range}</td><td>${row.flag}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html><head><style>
    body { font-family: 'DejaVu Sans', sans-serif; font-size: 15px; margin: 40px; color: #000; background: #fff; }
    h1 { font-size: 22px; margin: 0 0 6px; } p { margin: 2px 0; }
    table { border-collapse: collapse; margin-top: 24px; }
    th, td { text-align: left; padding: 6px 28px 6px 0; }
    th { border-bottom: 1px solid #000; }
  </style></head><body>
    <h1>Riverside Clinical Laboratory</h1>
    <p>${report.title}</p>
    <p>Patient: Alex Example</p>
    <p>Collected: ${report.collected}</p>
    <table><tr><th>Test</th><th>Result</th><th>Unit</th><th>Reference Range</th><th>Flag</th></tr>${rows}</table>
  </body></html>`;
}

/** The page's text as a reader should see it, for character accuracy. */
export function reportText(report: LabReport): string {
  return [
    'Riverside Clinical Laboratory',
    report.title,
    'Patient: Alex Example',
    `Collected: ${report.collected}`,
    'Test Result Unit Reference Range Flag',
    ...report.rows.map((row) =>
      [row.name, row.value, row.unit, row.range, row.flag].filter(Boolean).join(' '),
    ),
  ].join('\n');
}
