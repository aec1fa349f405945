/**
 * The pdf.js build inside unpdf calls `ArrayBuffer.prototype.transferToFixedLength` (Node 21+) when it hands font
 * data to the renderer; on Node 20 that call throws and every glyph is dropped from rendered pages. This copies
 * instead of transferring, which is all pdf.js needs from it.
 */
interface TransferableArrayBuffer {
  transferToFixedLength?: (length?: number) => ArrayBuffer;
}

const prototype = ArrayBuffer.prototype as ArrayBuffer & TransferableArrayBuffer;
if (typeof prototype.transferToFixedLength !== 'function') {
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value: function transferToFixedLength(this: ArrayBuffer, length = this.byteLength): ArrayBuffer {
      const copy = new ArrayBuffer(length);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
      return copy;
    },
  });
}
