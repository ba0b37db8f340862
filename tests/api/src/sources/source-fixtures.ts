import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { Document, Packer, Paragraph } from 'docx';
import type { TestApp } from '../../../support/test-app';
import type { AuthHeaders } from '../../../support/auth';

/** The reference article, as an analyst would paste it. */
export const REFERENCE_ARTICLE = [
  'Azerbaijan and the United States sign a memorandum at the White House',
  'WASHINGTON, 8 August 2025 — The presidents of Azerbaijan and the United States met at the White House on Friday.',
  'The two countries signed a Memorandum of Understanding to establish a joint working group tasked with drafting a Strategic Partnership Charter within six months.',
  'The charter is meant to frame cooperation in energy, trade, transit, digital infrastructure, defense and counterterrorism.',
  'Analysts said the meeting was a turning point for the region.',
].join('\n\n');

/** A short agreement with three commitments, for the review flow. */
export const FLOW_TEXT = [
  'Joint statement on transit cooperation',
  'Article 1',
  'The Parties shall open a joint customs post within 90 days of signing.',
  'Article 2',
  'The Parties will publish a transit tariff schedule by 1 December 2025.',
  'Article 3',
  'The ministries of transport shall meet every year to review the corridor.',
].join('\n\n');

/** The same statement with Article 2 changed, as a corrected version would come. */
export const FLOW_TEXT_CHANGED = FLOW_TEXT.replace(
  'The Parties will publish a transit tariff schedule by 1 December 2025.',
  'The Parties will publish a revised transit tariff schedule by 1 March 2026.',
);

/** A multipart/form-data body with one file (and an optional title field before it). */
export function multipart(
  file: { name: string; type: string; bytes: Buffer },
  title?: string,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----pactwatch${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  if (title !== undefined) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function upload(t: TestApp, headers: AuthHeaders, url: string, file: { name: string; type: string; bytes: Buffer }, title?: string) {
  const body = multipart(file, title);
  return t.request({ method: 'POST', url, headers: { ...headers, ...body.headers }, payload: body.payload });
}

/** A PDF with a text layer, one paragraph per entry. */
export async function textPdf(paragraphs: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  let y = 800;
  for (const paragraph of paragraphs) {
    page.drawText(paragraph, { x: 40, y, size: 10, font });
    y -= 30;
  }
  return Buffer.from(await doc.save());
}

/** A password-protected PDF. */
export async function encryptedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('The Parties shall meet.', { x: 40, y: 700, size: 12, font });
  doc.encrypt({ userPassword: 'secret', ownerPassword: 'owner-secret' });
  return Buffer.from(await doc.save());
}

/** A "scanned" PDF: pages with drawings only, no text layer. */
export async function scannedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  page.drawRectangle({ x: 40, y: 400, width: 300, height: 200 });
  page.drawCircle({ x: 200, y: 200, size: 50 });
  return Buffer.from(await doc.save());
}

/** A DOCX with one paragraph per entry. */
export async function docxFile(paragraphs: string[]): Promise<Buffer> {
  const document = new Document({ sections: [{ children: paragraphs.map((text) => new Paragraph({ text })) }] });
  return Buffer.from(await Packer.toBuffer(document));
}
