import { Readability } from '@mozilla/readability';
import type { SourceMediaType } from '@pactwatch/shared/contracts';
import { parseHTML } from 'linkedom';
import { Worker } from 'node:worker_threads';
import { SourceDocumentException } from '../sources.errors';
import { normaliseText } from './plain-text';

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const HTML = 'text/html';
export const TEXT = 'text/plain';

const EXTENSIONS: Record<string, SourceMediaType> = {
  pdf: PDF,
  docx: DOCX,
  html: HTML,
  htm: HTML,
  xhtml: HTML,
  txt: TEXT,
  text: TEXT,
  md: TEXT,
};

/**
 * Which reader a file needs, from its first bytes, its name and the type it was sent with. A PDF is known by
 * its signature; a ZIP signature is a DOCX only when it was sent as one (an .xlsx is a ZIP too).
 */
export function detectMediaType(head: Buffer, fileName: string | null, declared: string | null): SourceMediaType {
  const extension = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const declaredType = (declared ?? '').split(';')[0].trim().toLowerCase();
  const byName = EXTENSIONS[extension];
  const byDeclared = (Object.values(EXTENSIONS) as string[]).includes(declaredType) ? (declaredType as SourceMediaType) : undefined;
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  const wanted = byName ?? byDeclared;
  if (wanted) return wanted;
  const start = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 15)
    .toLowerCase();
  if ((!declaredType || declaredType === 'application/octet-stream') && (start.startsWith('<!doctype html') || start.startsWith('<html')))
    return HTML;
  const described = [fileName ? `"${fileName}"` : null, declaredType ? `(${declaredType})` : null].filter(Boolean).join(' ');
  throw new SourceDocumentException(
    'unsupported_type',
    `Unsupported file type${described ? ` ${described}` : ''}: Pactwatch reads PDF, DOCX, HTML and plain text (.txt) files`,
    { mediaType: declaredType || null, fileName },
  );
}

/** The plain text of a document, normalised (see plain-text.ts). Throws a SourceDocumentException naming what is wrong. */
export async function extractText(bytes: Buffer, mediaType: SourceMediaType, charset?: string): Promise<string> {
  const text = normaliseText(await read(bytes, mediaType, charset));
  if (text.trim().length === 0) {
    throw new SourceDocumentException(
      'no_text',
      mediaType === PDF
        ? 'No text found in the PDF: it looks scanned (pages as images). OCR is not supported; send a PDF with a text layer, or paste the text.'
        : 'No text found in the document',
    );
  }
  return text;
}

function read(bytes: Buffer, mediaType: SourceMediaType, charset?: string): Promise<string> {
  switch (mediaType) {
    case PDF:
      return pdfText(bytes);
    case DOCX:
      return docxText(bytes);
    case HTML:
      return Promise.resolve(htmlText(decode(bytes, charset)));
    case TEXT:
      return Promise.resolve(decode(bytes, charset));
  }
}

/** Strict UTF-8 (or the charset an HTTP server named): a file that is not text is refused, not turned into replacement characters. */
function decode(bytes: Buffer, charset?: string): string {
  const label = charset?.trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    throw new SourceDocumentException(
      'not_utf8',
      `The text is not valid ${label === 'utf-8' ? 'UTF-8' : label}; save it as UTF-8 and send it again`,
    );
  }
}

interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  y: number;
  height: number;
}

/**
 * pdf.js runs in a worker thread: hostile or huge PDFs cannot stall the API's event loop, a time limit applies,
 * and it loads as the ES module it is in every runtime. The bytes are transferred to it, not copied.
 */
const PDF_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { getDocumentProxy } = await import('unpdf');
  let pdf;
  try {
    pdf = await getDocumentProxy(new Uint8Array(workerData), { verbosity: 0 });
  } catch (error) {
    parentPort.postMessage({ error: { name: error && error.name, message: String(error && error.message) } });
    return;
  }
  const pages = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.filter((item) => typeof item.str === 'string').map((item) => ({ str: item.str, hasEOL: item.hasEOL, y: item.transform[5], height: item.height })));
    page.cleanup();
  }
  await pdf.destroy();
  parentPort.postMessage({ pages });
})().catch((error) => parentPort.postMessage({ error: { name: 'Error', message: String(error && error.message) } }));
`;

const PDF_TIME_LIMIT_MS = 60_000;

function runPdfWorker(bytes: Buffer): Promise<{ pages?: PdfTextItem[][]; error?: { name: string; message: string } }> {
  // The worker gets its own ArrayBuffer (a pooled Buffer shares one with others).
  const own =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes.buffer
      : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return new Promise((resolve, reject) => {
    const worker = new Worker(PDF_WORKER, { eval: true, workerData: own, transferList: [own as ArrayBuffer] });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new SourceDocumentException('not_a_pdf', `Reading the PDF took longer than ${PDF_TIME_LIMIT_MS / 1000} s`));
    }, PDF_TIME_LIMIT_MS);
    worker.once('message', (message) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(message);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * The text layer of every page, line by line. A vertical gap wider than one and a half lines starts a new
 * paragraph, as does a new page.
 */
async function pdfText(bytes: Buffer): Promise<string> {
  const result = await runPdfWorker(bytes);
  if (result.error) {
    if (result.error.name === 'PasswordException') {
      throw new SourceDocumentException('encrypted_pdf', 'The PDF is encrypted (password-protected); send an unprotected copy');
    }
    throw new SourceDocumentException('not_a_pdf', `The file is not a readable PDF: ${result.error.message}`);
  }
  return (result.pages ?? []).map(pageText).join('\n\n');
}

function pageText(items: PdfTextItem[]): string {
  let out = '';
  let line = '';
  let lastY: number | null = null;
  let lastHeight = 0;
  const flush = (y: number | null, height: number) => {
    if (line.trim().length === 0) return;
    if (out.length > 0) out += lastY !== null && y !== null && Math.abs(lastY - y) > 1.5 * Math.max(height, lastHeight, 1) ? '\n\n' : '\n';
    out += line.trim();
    line = '';
  };
  let lineY: number | null = null;
  let lineHeight = 0;
  for (const item of items) {
    if (typeof item.str !== 'string') continue;
    const y = item.y ?? null;
    if (lineY === null) {
      lineY = y;
      lineHeight = item.height;
    }
    line += item.str;
    if (item.hasEOL) {
      flush(lineY, lineHeight);
      lastY = lineY;
      lastHeight = lineHeight;
      lineY = null;
    }
  }
  flush(lineY, lineHeight);
  return out;
}

async function docxText(bytes: Buffer): Promise<string> {
  if (bytes.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') {
    throw new SourceDocumentException('not_a_zip', 'The file is not a DOCX: a DOCX file is a ZIP archive, and this one is not');
  }
  const mammoth = await import('mammoth');
  try {
    const result = await mammoth.extractRawText({ buffer: bytes });
    return result.value;
  } catch (error) {
    throw new SourceDocumentException('unreadable_docx', `The DOCX could not be read: ${(error as Error).message}`);
  }
}

const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'NAV', 'BUTTON', 'FORM']);

/** A parsed page; a fragment without an <html> element (text only, or a few tags) is read as the body of one. */
function page(html: string): ReturnType<typeof parseHTML>['document'] {
  const { document } = parseHTML(html);
  return document.documentElement?.tagName.toUpperCase() === 'HTML' && document.body
    ? document
    : parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
}

/** The article of an HTML page (Readability drops navigation, "related posts" and the like), block by block. */
export function htmlText(html: string): string {
  const document = page(html);
  const title = document.querySelector('h1')?.textContent?.trim() ?? '';
  const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  // A page too short for Readability to find an article in is read whole.
  const fromArticle = article?.content ? blocksOf(page(article.content).body) : [];
  const blocks = fromArticle.length > 0 ? fromArticle : blocksOf(page(html).body);
  // Readability keeps the headline out of the content; keep it as the first paragraph.
  if (title && blocks[0] !== title && !blocks.includes(title)) blocks.unshift(title);
  return blocks.join('\n\n');
}

/** The text of an element, one entry per block (paragraph, heading, list item…). */
function blocksOf(root: unknown): string[] {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) blocks.push(text);
    current = '';
  };
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) current += child.textContent ?? '';
      else if (child.nodeType === 1) {
        const name = (child as Element).tagName.toUpperCase();
        if (SKIP.has(name)) continue;
        const block = BLOCKS.has(name);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  if (root) walk(root as unknown as Node);
  flush();
  return blocks;
}
