// The company logo printed on PDFs: a PNG or JPEG of at most 200 kB, kept as a data URL in the
// company profile (it syncs with the workspace, so it stays small).
export const LOGO_MAX_BYTES = 200 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg'];

export type LogoProblem = 'bad_type' | 'too_big';

export function checkLogoFile(file: { type: string; size: number }): LogoProblem | null {
  if (!LOGO_TYPES.includes(file.type)) return 'bad_type';
  if (file.size > LOGO_MAX_BYTES) return 'too_big';
  return null;
}

/** The data URL of a file, and whether the browser can decode it as an image. */
export async function readLogo(file: Blob): Promise<string> {
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
  const img = new Image();
  img.src = dataUrl;
  await img.decode();
  return dataUrl;
}
