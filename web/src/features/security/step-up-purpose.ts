/** What a step-up purpose guards, as the prompt names it. */
export function stepUpPurposeText(purpose: string): string {
  switch (purpose) {
    case 'ADMIN_PHI_ACCESS':
      return 'Opening a patient’s health data as an administrator';
    case 'BULK_EXPORT':
      return 'Exporting a whole patient record';
    default:
      return 'This action';
  }
}
