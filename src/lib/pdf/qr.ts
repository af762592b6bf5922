// The QR module matrix of a payload, byte mode (UTF-8, as EPC069-12 character set 1 asks),
// error correction M. Drawing is the writer's job (vector squares).
import { create } from 'qrcode';
import type { QrMatrix } from './writer';

export function qrMatrix(payload: string): QrMatrix {
  const code = create([{ data: new TextEncoder().encode(payload), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const { size, data } = code.modules;
  return { size, dark: (row, col) => data[row * size + col] === 1 };
}
