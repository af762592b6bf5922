// The official Factur-X validators, run from the tests: the EN 16931 XSD with xmllint (Debian
// libxml2-utils) and the two schematrons (EN 16931, French BR-FR) with Saxon-JS (npm xslt3).
// The schematrons are XSLT 2.0 files that take a minute to compile: each is compiled once to
// SEF and cached under node_modules/.cache/relance-facturx/, keyed by the source's path and
// content hash, so a second run (and every test file after the first) starts at once.
// The files live beside the repository (../shared/facturx, read its README); FACTURX_DIR
// points elsewhere.
import { createHash } from 'node:crypto';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const FACTURX_DIR = resolve(ROOT, process.env.FACTURX_DIR ?? '../shared/facturx');
export const XSD = join(FACTURX_DIR, 'facturx-en16931/Factur-X_EN16931.xsd');
export const EN16931_XSLT = join(FACTURX_DIR, 'facturx-en16931/Factur-X_1.09_EN16931.xsl');
export const BR_FR_XSLT = join(FACTURX_DIR, 'cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt');
export const REFERENCE_XML = join(FACTURX_DIR, 'reference/factur-x-en16931.xml');
const CACHE = join(ROOT, 'node_modules/.cache/relance-facturx');

interface SaxonJs {
  transform(options: Record<string, unknown>, mode: 'sync'): { principalResult: string };
}
const SaxonJS = createRequire(import.meta.url)('saxon-js') as SaxonJs;

/**
 * The compiled SEF of a schematron XSLT, from the cache or compiled now. Not relocated: the
 * EN 16931 rules read their code lists from a file beside the XSLT, by its path.
 */
export function compiledSef(xslt: string): string {
  const { sef, args, partial } = compilation(xslt);
  if (existsSync(sef)) return sef;
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  renameSync(partial, sef);
  return sef;
}

/** Compiles the schematrons not yet cached side by side (a cold run, e.g. on CI, waits once). */
export async function compileSchematrons(xslts: string[] = [EN16931_XSLT, BR_FR_XSLT]): Promise<void> {
  await Promise.all(
    xslts.map(async (xslt) => {
      const { sef, args, partial } = compilation(xslt);
      if (existsSync(sef)) return;
      await promisify(execFile)(process.execPath, args);
      renameSync(partial, sef);
    })
  );
}

function compilation(xslt: string) {
  const hash = createHash('sha256').update(xslt).update(readFileSync(xslt)).digest('hex').slice(0, 16);
  const sef = join(CACHE, `${hash}.sef.json`);
  mkdirSync(CACHE, { recursive: true });
  // Compiled beside, then renamed: test files compiling at once never read half a file.
  const partial = `${sef}.${process.pid}.tmp`;
  return { sef, partial, args: [join(ROOT, 'node_modules/xslt3/xslt3.js'), `-xsl:${xslt}`, `-export:${partial}`, '-nogo'] };
}

export interface Failure {
  id: string;
  flag: string;
  text: string;
}

/** The failed asserts of a schematron (SVRL) over `xml`. */
export function schematronFailures(xslt: string, xml: string): Failure[] {
  const svrl = SaxonJS.transform({ stylesheetFileName: compiledSef(xslt), sourceText: xml, destination: 'serialized' }, 'sync').principalResult;
  return [...svrl.matchAll(/<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g)].map((m) => ({
    id: /\bid="([^"]*)"/.exec(m[1])?.[1] ?? '',
    flag: /\bflag="([^"]*)"/.exec(m[1])?.[1] ?? '',
    text: m[2].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()
  }));
}

/**
 * The fatal failures of both schematrons, « id: text ». The EN 16931 file flags only its few
 * warnings (an assert with no flag is an error); BR-FR flags its errors « fatal ».
 */
export function fatalFailures(xml: string): string[] {
  return [EN16931_XSLT, BR_FR_XSLT].flatMap((x) =>
    schematronFailures(x, xml)
      .filter((f) => f.flag !== 'warning' && f.flag !== 'information')
      .map((f) => `${f.id}: ${f.text}`)
  );
}

/** xmllint's complaints against the EN 16931 XSD; empty when the XML is valid. */
export function xsdErrors(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'facturx-'));
  try {
    const file = join(dir, 'factur-x.xml');
    writeFileSync(file, xml);
    const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
    if (r.error) throw r.error;
    return r.status === 0 ? '' : r.stderr.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
