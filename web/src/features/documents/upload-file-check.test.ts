import { describe, expect, it } from 'vitest';
import { fileSizeText, uploadFileProblem } from './upload-file-check';

describe('uploadFileProblem', () => {
  it('accepts PDFs and images by type or by extension', () => {
    expect(uploadFileProblem({ name: 'labs.pdf', size: 10, type: 'application/pdf' })).toBeNull();
    expect(uploadFileProblem({ name: 'scan.TIFF', size: 10, type: '' })).toBeNull();
    expect(uploadFileProblem({ name: 'photo', size: 10, type: 'image/jpeg' })).toBeNull();
  });

  it('refuses empty files and other types with the file name', () => {
    expect(uploadFileProblem({ name: 'empty.pdf', size: 0, type: 'application/pdf' })).toBe(
      'empty.pdf is empty.',
    );
    expect(uploadFileProblem({ name: 'notes.docx', size: 10, type: 'application/msword' })).toMatch(
      /^notes\.docx is not a PDF, PNG, JPEG or TIFF file/,
    );
  });
});

describe('fileSizeText', () => {
  it('uses the largest unit that keeps the number readable', () => {
    expect(fileSizeText(512)).toBe('512 bytes');
    expect(fileSizeText(1536)).toBe('1.5 KB');
    expect(fileSizeText(20 * 1024 * 1024)).toBe('20 MB');
  });
});
