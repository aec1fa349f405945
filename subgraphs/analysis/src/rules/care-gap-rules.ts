import type { Sex } from './patient-age';

/** A kind of record that counts as having done a preventive service, and how long it keeps counting. */
export interface CareEvidence {
  kind: 'PROCEDURE' | 'OBSERVATION' | 'IMMUNIZATION';
  /** SNOMED CT for procedures, LOINC for observations, CVX for immunizations. */
  codes: readonly string[];
  /** Months one such record keeps the service current; null: once in a lifetime is enough. */
  validMonths: number | null;
  /** How the guidance names this way of meeting it, e.g. "colonoscopy every 10 years". */
  label: string;
}

/** One preventive service a person of some age and sex is due for. */
export interface CareGapRule {
  id: string;
  category: 'SCREENING' | 'IMMUNIZATION';
  title: string;
  /** Who recommends it, in words a patient can look up. */
  source: string;
  minAge: number;
  /** Inclusive; null: no upper age. */
  maxAge: number | null;
  sex: Exclude<Sex, 'unknown'> | null;
  evidence: readonly CareEvidence[];
}

/**
 * USPSTF screenings (A/B grades) and CDC adult immunizations, coded as Synthea and EHR exports code them.
 * Codes were checked against the Synthea R4 bundles in the fixtures (colonoscopy 73761001, lipid LOINCs,
 * CVX 140/113/115/133/121) and the LOINC / CVX tables for the alternatives a hospital may send.
 */
export const CARE_GAP_RULES: readonly CareGapRule[] = [
  {
    id: 'colorectal-cancer-screening',
    category: 'SCREENING',
    title: 'Colorectal cancer screening',
    source: 'USPSTF (adults 45–75)',
    minAge: 45,
    maxAge: 75,
    sex: null,
    evidence: [
      {
        kind: 'PROCEDURE',
        codes: ['73761001', '446521004', '310634005'],
        validMonths: 120,
        label: 'colonoscopy every 10 years',
      },
      {
        kind: 'PROCEDURE',
        codes: ['44441009', '24420007'],
        validMonths: 60,
        label: 'flexible sigmoidoscopy every 5 years',
      },
      {
        kind: 'OBSERVATION',
        codes: ['77353-1', '77354-9'],
        validMonths: 36,
        label: 'stool DNA-FIT every 1–3 years',
      },
      {
        kind: 'OBSERVATION',
        codes: ['29771-3', '57905-2', '56490-6', '2335-8', '27396-1'],
        validMonths: 12,
        label: 'stool test (FIT/gFOBT) every year',
      },
    ],
  },
  {
    id: 'breast-cancer-screening',
    category: 'SCREENING',
    title: 'Breast cancer screening (mammography)',
    source: 'USPSTF (women 40–74, every 2 years)',
    minAge: 40,
    maxAge: 74,
    sex: 'female',
    evidence: [
      {
        kind: 'PROCEDURE',
        codes: ['71651007', '24623002', '241055006', '43204002', '12389009'],
        validMonths: 24,
        label: 'mammogram every 2 years',
      },
      {
        kind: 'OBSERVATION',
        codes: ['24606-6', '24604-1', '26346-7', '36625-2'],
        validMonths: 24,
        label: 'mammogram every 2 years',
      },
    ],
  },
  {
    id: 'cervical-cancer-screening',
    category: 'SCREENING',
    title: 'Cervical cancer screening',
    source: 'USPSTF (women 21–65)',
    minAge: 21,
    maxAge: 65,
    sex: 'female',
    evidence: [
      {
        kind: 'PROCEDURE',
        codes: ['90226004', '171149006', '439958008'],
        validMonths: 36,
        label: 'cervical cytology (Pap) every 3 years',
      },
      {
        kind: 'OBSERVATION',
        codes: ['10524-7', '19762-4', '19764-0', '47527-7', '33717-0'],
        validMonths: 36,
        label: 'cervical cytology (Pap) every 3 years',
      },
      {
        kind: 'OBSERVATION',
        codes: ['21440-3', '30167-1', '38372-9', '59420-0', '77379-6'],
        validMonths: 60,
        label: 'HPV test every 5 years',
      },
    ],
  },
  {
    id: 'lipid-screening',
    category: 'SCREENING',
    title: 'Cholesterol (lipid panel)',
    source: 'USPSTF statin-use guidance (adults 40–75; lipids every 5 years)',
    minAge: 40,
    maxAge: 75,
    sex: null,
    evidence: [
      {
        kind: 'OBSERVATION',
        codes: ['2093-3', '18262-6', '13457-7', '2085-9', '2571-8', '57698-3'],
        validMonths: 60,
        label: 'lipid panel every 5 years',
      },
    ],
  },
  {
    id: 'diabetes-screening',
    category: 'SCREENING',
    title: 'Prediabetes and type 2 diabetes screening',
    source: 'USPSTF (adults 35–70; every 3 years)',
    minAge: 35,
    maxAge: 70,
    sex: null,
    evidence: [
      {
        kind: 'OBSERVATION',
        codes: ['4548-4', '17856-6', '2339-0', '2345-7', '1558-6', '41653-7'],
        validMonths: 36,
        label: 'HbA1c or glucose every 3 years',
      },
    ],
  },
  {
    id: 'blood-pressure-screening',
    category: 'SCREENING',
    title: 'Blood pressure check',
    source: 'USPSTF (adults 18+; yearly from 40)',
    minAge: 18,
    maxAge: null,
    sex: null,
    evidence: [
      {
        kind: 'OBSERVATION',
        codes: ['55284-4', '85354-9', '8480-6', '8462-4'],
        validMonths: 12,
        label: 'blood pressure every year',
      },
    ],
  },
  {
    id: 'influenza-vaccine',
    category: 'IMMUNIZATION',
    title: 'Influenza vaccine',
    // Ages are whole years here, so the rule starts at the first birthday rather than 6 months.
    source: 'CDC (everyone 6 months and older, every season)',
    minAge: 1,
    maxAge: null,
    sex: null,
    evidence: [
      {
        kind: 'IMMUNIZATION',
        codes: [
          '140',
          '141',
          '150',
          '153',
          '155',
          '158',
          '161',
          '166',
          '168',
          '171',
          '185',
          '186',
          '197',
          '205',
          '88',
          '135',
          '144',
          '149',
          '111',
          '15',
          '16',
        ],
        validMonths: 12,
        label: 'a flu shot every year',
      },
    ],
  },
  {
    id: 'td-tdap-vaccine',
    category: 'IMMUNIZATION',
    title: 'Tetanus and diphtheria booster (Td/Tdap)',
    source: 'CDC (adults, every 10 years)',
    minAge: 19,
    maxAge: null,
    sex: null,
    evidence: [
      {
        kind: 'IMMUNIZATION',
        codes: ['09', '113', '115', '138', '139', '196'],
        validMonths: 120,
        label: 'Td or Tdap every 10 years',
      },
    ],
  },
  {
    id: 'pneumococcal-vaccine',
    category: 'IMMUNIZATION',
    title: 'Pneumococcal vaccine',
    source: 'CDC (adults 65 and older)',
    minAge: 65,
    maxAge: null,
    sex: null,
    evidence: [
      {
        kind: 'IMMUNIZATION',
        codes: ['33', '100', '109', '133', '152', '215', '216', '327'],
        validMonths: null,
        label: 'pneumococcal vaccination once from 65',
      },
    ],
  },
  {
    id: 'zoster-vaccine',
    category: 'IMMUNIZATION',
    title: 'Shingles (zoster) vaccine',
    source: 'CDC (adults 50 and older)',
    minAge: 50,
    maxAge: null,
    sex: null,
    evidence: [
      {
        kind: 'IMMUNIZATION',
        codes: ['121', '187', '188'],
        validMonths: null,
        label: 'zoster vaccination (Shingrix series) once from 50',
      },
    ],
  },
  {
    id: 'covid-19-vaccine',
    category: 'IMMUNIZATION',
    title: 'COVID-19 vaccine',
    source: 'CDC (everyone 6 months and older, updated vaccine every year)',
    minAge: 1,
    maxAge: null,
    sex: null,
    evidence: [
      {
        kind: 'IMMUNIZATION',
        codes: [
          '207',
          '208',
          '210',
          '211',
          '212',
          '213',
          '217',
          '218',
          '219',
          '221',
          '228',
          '229',
          '230',
          '300',
          '301',
          '302',
          '309',
          '310',
          '311',
          '312',
          '313',
        ],
        validMonths: 12,
        label: 'an updated COVID-19 vaccine every year',
      },
    ],
  },
];
