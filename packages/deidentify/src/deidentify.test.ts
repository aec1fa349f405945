import { describe, expect, it } from 'vitest';
import { deidentify, findIdentifiers } from './deidentify';
import { IdentifierKind } from './identifier-kind';
import { Pseudonymizer } from './pseudonymizer';

const kinds = (text: string): [string, string][] =>
  findIdentifiers(text).map((span) => [span.kind, text.slice(span.start, span.end)]);

describe('deidentify', () => {
  it('finds each Safe Harbor kind with spans in the input offsets', () => {
    const text =
      'Patient: Maria Gonzalez, MRN 48213977, DOB 03/14/1961, lives at 12 Elm Street, Springfield, IL 62704. ' +
      'Phone (217) 555-0142, fax 217-555-0199, maria@example.com, SSN 123-45-6789, Member ID XJ44188, ' +
      'DEA # BK1234567, pump S/N 442-10021, plate 7ABC123, https://portal.example.org/x from 10.0.4.17, a 94-year-old.';
    expect(kinds(text)).toEqual([
      ['NAME', 'Maria Gonzalez'],
      ['MRN', '48213977'],
      ['DATE', '03/14/1961'],
      ['ADDRESS', '12 Elm Street'],
      ['ADDRESS', 'Springfield'],
      ['ZIP', '62704'],
      ['PHONE', '(217) 555-0142'],
      ['FAX', '217-555-0199'],
      ['EMAIL', 'maria@example.com'],
      ['SSN', '123-45-6789'],
      ['HEALTH_PLAN', 'XJ44188'],
      ['LICENSE', 'BK1234567'],
      ['DEVICE', '442-10021'],
      ['VEHICLE', '7ABC123'],
      ['URL', 'https://portal.example.org/x'],
      ['IP', '10.0.4.17'],
      ['AGE', '94'],
    ]);
  });

  it('leaves eponyms, drugs, doses and lab values alone', () => {
    const text =
      "Parkinson disease on Sinemet 25/100 mg. Bell's palsy resolved. Graves disease, Hodgkin lymphoma, " +
      "Addison disease on hydrocortisone 20 mg, Cushing syndrome excluded, Crohn's disease, Alzheimer's " +
      'dementia. BP 128/82, HbA1c 7.2%, INR 2.5, take 1/2 tablet. Diagnosed in 2012, aged 67.';
    expect(findIdentifiers(text)).toEqual([]);
  });

  it('treats an eponym as a name when a cue says so, and only there', () => {
    const text = "Mrs. Bell has Bell's palsy. Bell reports less drooling.";
    expect(kinds(text)).toEqual([
      ['NAME', 'Bell'],
      ['NAME', 'Bell'],
    ]);
    expect(findIdentifiers(text)[1]?.start).toBe(text.lastIndexOf('Bell'));
  });

  it('keeps what Safe Harbor allows: the year, three ZIP digits (000 for sparse areas), 90+', () => {
    expect(deidentify('Seen March 3, 2024 in Boise, ID 83702; a 97 yo.').text).toBe(
      'Seen [DATE 2024] in [ADDRESS], ID [ZIP 837XX]; a [AGE 90+] yo.',
    );
    expect(deidentify('Lives in Cody, WY 82190.').text).toBe('Lives in [ADDRESS], WY [ZIP 000XX].');
    expect(deidentify('Born 1/2/1921.').text).toBe('Born [DATE].');
  });
});

describe('Pseudonymizer', () => {
  it('gives one identifier one surrogate within a task, surnames their full name’s, and maps back', () => {
    const pseudonymizer = new Pseudonymizer();
    const first = deidentify('Patient: John Okafor, phone 555-201-3344.', { pseudonymizer });
    const second = deidentify('Mr. Okafor called from (555) 201-3344.', { pseudonymizer });
    expect(first.text).toBe('Patient: [NAME-1], phone [PHONE-1].');
    expect(second.text).toBe('Mr. [NAME-1] called from [PHONE-1].');
    expect(pseudonymizer.reidentify('[NAME-1] should call [PHONE-1]; [NAME-9] unknown.')).toBe(
      'John Okafor should call 555-201-3344; [NAME-9] unknown.',
    );
    expect(pseudonymizer.surrogateFor(IdentifierKind.DATE, 'May 4, 2023')).toBe('[DATE-1 2023]');
  });
});
