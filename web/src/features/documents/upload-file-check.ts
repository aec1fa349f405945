/** The kinds of file the documents subgraph reads; it decides from the content, this only spares a pointless upload. */
export const ACCEPTED_UPLOAD_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'] as const;

const ACCEPTED_EXTENSIONS = ['.pdf', '.png', '.jpg', '.jpeg', '.tif', '.tiff'];

/** For the file picker's `accept` attribute. */
export const UPLOAD_ACCEPT = [...ACCEPTED_UPLOAD_TYPES, ...ACCEPTED_EXTENSIONS].join(',');

export interface PickedFile {
  name: string;
  size: number;
  /** The browser's guess from the name; empty when it has none. */
  type: string;
}

/** Why a picked file cannot be uploaded, in words for the patient; null when it may go. */
export function uploadFileProblem(file: PickedFile): string | null {
  if (file.size === 0) return `${file.name} is empty.`;
  const name = file.name.toLowerCase();
  const knownType = (ACCEPTED_UPLOAD_TYPES as readonly string[]).includes(file.type);
  const knownExtension = ACCEPTED_EXTENSIONS.some((extension) => name.endsWith(extension));
  if (!knownType && !knownExtension)
    return `${file.name} is not a PDF, PNG, JPEG or TIFF file. Upload a lab report, letter or scan in one of those formats.`;
  return null;
}

const UNITS = ['bytes', 'KB', 'MB', 'GB'];

export function fileSizeText(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
