// Turns a jsPDF document into a Factur-X PDF/A-3b on jsPDF's own hooks (no second PDF library):
// after the resources are written (postPutResources) it adds the XMP metadata (PDF/A-3B and the
// Factur-X extension schema), the sRGB OutputIntent, the embedded factur-x.xml and its file
// specification (AFRelationship Alternative); the catalog (putCatalog) then points at them
// (/Metadata, /OutputIntents, /AF, /Names /EmbeddedFiles). Call it before `output()`.
import { jsPDF } from 'jspdf';
import { zlibSync } from 'fflate';
import { SRGB_ICC_BASE64 } from './srgbIcc';

export const FACTURX_FILE_NAME = 'factur-x.xml';

export interface PdfAOptions {
  /** The CII XML to embed. */
  xml: string;
  /** Factur-X conformance level as the XMP states it. */
  conformanceLevel: 'EN 16931';
  title: string;
  author: string;
  subject: string;
}

interface Internal {
  newObject(): number;
  write(...s: string[]): void;
  events: { subscribe(event: string, handler: () => void): void };
}

/** UTF-8 bytes as a binary string (one char per byte), the way jsPDF writes stream data. */
function utf8Binary(text: string): string {
  return binary(new TextEncoder().encode(text));
}

function binary(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** 'D:20261123100000+01'00'' (jsPDF's /CreationDate) → '2026-11-23T10:00:00+01:00'. */
export function xmpDate(pdfDate: string): string {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-]\d{2})'(\d{2})/.exec(pdfDate);
  if (!m) throw new Error(`Not a PDF date: ${pdfDate}`);
  // jsPDF writes UTC as « -00'00' »; ISO 8601 says +00:00.
  const sign = m[7] === '-00' ? '+00' : m[7];
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${sign}:${m[8]}`;
}

const FX_NS = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';

function fxProperty(name: string, description: string): string {
  return `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${description}</pdfaProperty:description></rdf:li>`;
}

/** The XMP packet: PDF/A-3B identification, the same facts as /Info, and the Factur-X schema. */
export function xmpPacket(o: { title: string; author: string; subject: string; producer: string; date: string; documentId: string; conformanceLevel: string }): string {
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(o.title)}</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>${xmlText(o.author)}</rdf:li></rdf:Seq></dc:creator><dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(o.subject)}</rdf:li></rdf:Alt></dc:description></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${xmlText(o.producer)}</pdf:Producer></rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>Relance</xmp:CreatorTool><xmp:CreateDate>${o.date}</xmp:CreateDate><xmp:ModifyDate>${o.date}</xmp:ModifyDate><xmp:MetadataDate>${o.date}</xmp:MetadataDate></rdf:Description>
<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"><xmpMM:DocumentID>uuid:${o.documentId}</xmpMM:DocumentID></rdf:Description>
<rdf:Description rdf:about="" xmlns:fx="${FX_NS}"><fx:DocumentType>INVOICE</fx:DocumentType><fx:DocumentFileName>${FACTURX_FILE_NAME}</fx:DocumentFileName><fx:Version>1.0</fx:Version><fx:ConformanceLevel>${o.conformanceLevel}</fx:ConformanceLevel></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource"><pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema><pdfaSchema:namespaceURI>${FX_NS}</pdfaSchema:namespaceURI><pdfaSchema:prefix>fx</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>${fxProperty('DocumentFileName', 'The name of the embedded XML document')}${fxProperty('DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER')}${fxProperty('Version', 'The actual version of the standard applying to the embedded XML document')}${fxProperty('ConformanceLevel', 'The conformance level of the embedded XML document')}</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** A PDF text string in UTF-16BE (with BOM), hexadecimal. */
function pdfUnicode(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** Registers the PDF/A-3b and Factur-X parts on `doc`; they are written when it is output. */
export function makeFacturxPdfA(doc: jsPDF, o: PdfAOptions): void {
  const pdf = doc as unknown as { internal: Internal; __private__: { setPdfVersion(v: string): void; getFileId(): string } };
  const internal = pdf.internal;
  // PDF/A-3 is built on PDF 1.7 (associated files).
  pdf.__private__.setPdfVersion('1.7');
  const ids = { metadata: 0, outputIntent: 0, fileSpec: 0 };

  const stream = (dictionary: string, data: string) => {
    const id = internal.newObject();
    internal.write(`<<${dictionary} /Length ${data.length}>>`);
    internal.write('stream');
    internal.write(data);
    internal.write('endstream');
    internal.write('endobj');
    return id;
  };

  internal.events.subscribe('postPutResources', () => {
    const pdfDate = (doc as unknown as { getCreationDate(type: 'pdf'): string }).getCreationDate('pdf');
    const fileId = pdf.__private__.getFileId();
    const packet = xmpPacket({
      title: o.title,
      author: o.author,
      subject: o.subject,
      producer: `jsPDF ${jsPDF.version}`,
      date: xmpDate(pdfDate),
      documentId: `${fileId.slice(0, 8)}-${fileId.slice(8, 12)}-${fileId.slice(12, 16)}-${fileId.slice(16, 20)}-${fileId.slice(20, 32)}`.toLowerCase(),
      conformanceLevel: o.conformanceLevel
    });
    ids.metadata = stream(' /Type /Metadata /Subtype /XML', utf8Binary(packet));

    const icc = stream(' /N 3', atob(SRGB_ICC_BASE64));
    ids.outputIntent = internal.newObject();
    internal.write(`<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /DestOutputProfile ${icc} 0 R>>`);
    internal.write('endobj');

    // Compressed (FlateDecode, as the pages are): a 60-line invoice's XML shrinks from ≈ 70 to ≈ 6 kB.
    const xml = new TextEncoder().encode(o.xml);
    const file = stream(
      ` /Type /EmbeddedFile /Subtype /text#2Fxml /Filter /FlateDecode /Params <</Size ${xml.length} /CreationDate (${pdfDate}) /ModDate (${pdfDate})>>`,
      binary(zlibSync(xml, { level: 6 }))
    );
    ids.fileSpec = internal.newObject();
    internal.write(
      `<</Type /Filespec /F (${FACTURX_FILE_NAME}) /UF ${pdfUnicode(FACTURX_FILE_NAME)} /Desc (Factur-X invoice) /AFRelationship /Alternative /EF <</F ${file} 0 R /UF ${file} 0 R>>>>`
    );
    internal.write('endobj');
  });

  internal.events.subscribe('putCatalog', () => {
    internal.write(`/Metadata ${ids.metadata} 0 R`);
    internal.write(`/OutputIntents [${ids.outputIntent} 0 R]`);
    internal.write(`/AF [${ids.fileSpec} 0 R]`);
    internal.write(`/Names <</EmbeddedFiles <</Names [(${FACTURX_FILE_NAME}) ${ids.fileSpec} 0 R]>>>>`);
  });
}
