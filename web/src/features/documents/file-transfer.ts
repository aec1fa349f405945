import { describeError, errorInfoFromWire, type WireError } from '../../errors/error-info';

/** The file route refused the bytes; `message` is for the patient. */
export class FileTransferError extends Error {}

/** Words for the patient from the file route's refusal (its GraphQL-shaped JSON error, else the status). */
export function uploadRefusalMessage(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: WireError[] };
    if (parsed.errors?.[0]) return describeError(errorInfoFromWire(parsed.errors[0]));
  } catch {
    // Not the route's JSON (a proxy's page): fall back to the status.
  }
  if (status === 413) return 'The file is too large.';
  if (status === 403) return 'The upload link has expired. Upload the file again.';
  return 'The upload did not go through. Try again.';
}

/**
 * PUTs the raw bytes to a signed upload URL. XMLHttpRequest rather than fetch because only it reports
 * upload progress; `onProgress` gets 0–100.
 */
export function putFile(url: string, file: Blob, onProgress: (percent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(100);
        resolve();
      } else reject(new FileTransferError(uploadRefusalMessage(request.status, request.responseText)));
    };
    request.onerror = () =>
      reject(new FileTransferError('The upload was interrupted. Check your connection and try again.'));
    request.send(file);
  });
}
