import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Readable } from 'node:stream';
import { SourceDocumentException } from '../sources.errors';
import { ReceivedFile, receive, tooLarge } from './received-file';

export interface FetchOptions {
  limit: number;
  timeoutMs: number;
  /** Allow loopback, private and link-local addresses (tests on 127.0.0.1; never in production by default). */
  allowPrivate: boolean;
}

const MAX_REDIRECTS = 5;

/** Addresses a URL given by a user must not reach: the server's own machine and its private networks. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function refused(message: string): SourceDocumentException {
  return new SourceDocumentException('url_refused', message, { errors: [{ field: 'url', message }] });
}

/** Checks the URL's scheme and every address its host resolves to. */
async function assertReachable(url: URL, options: FetchOptions): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refused(`Only http and https URLs can be fetched, not ${url.protocol}`);
  if (url.username || url.password) throw refused('URLs with a user name or password are not fetched');
  if (options.allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch {
    throw new SourceDocumentException('fetch_failed', `The host ${host} could not be found`);
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw refused(`The URL points at a loopback or private address (${host}); Pactwatch fetches only public addresses`);
  }
}

/**
 * Fetches a URL once, where the server can reach it: http(s) only, public addresses only (each redirect is
 * checked again), within a time limit, streamed to a temporary file up to the size limit.
 */
export async function fetchDocument(address: string, options: FetchOptions): Promise<ReceivedFile> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw refused(`${JSON.stringify(address)} is not a URL`);
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      await assertReachable(url, options);
      const response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: {
          accept:
            'text/html, application/pdf, text/plain, application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.9, */*;q=0.1',
        },
      });
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        await response.body?.cancel();
        if (redirects >= MAX_REDIRECTS) throw new SourceDocumentException('fetch_failed', `Too many redirects from ${address}`);
        url = new URL(response.headers.get('location') as string, url);
        continue;
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        throw new SourceDocumentException('fetch_failed', `Fetching ${url.href} answered ${response.status} ${response.statusText}`.trim());
      }
      const length = Number(response.headers.get('content-length') ?? NaN);
      if (Number.isFinite(length) && length > options.limit) {
        await response.body.cancel();
        throw tooLarge(options.limit);
      }
      const contentType = response.headers.get('content-type');
      const charset = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
      const name = decodeURIComponent(url.pathname.split('/').pop() ?? '') || null;
      return await receive(Readable.fromWeb(response.body as never), options.limit, {
        fileName: name && /\.[a-z0-9]{2,5}$/i.test(name) ? name : null,
        declaredType: contentType,
        charset,
        sourceUrl: url.href,
      });
    }
  } catch (error) {
    if (error instanceof SourceDocumentException) throw error;
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new SourceDocumentException('fetch_failed', `Fetching ${address} took longer than ${Math.round(options.timeoutMs / 1000)} s`);
    }
    throw new SourceDocumentException('fetch_failed', `Fetching ${address} failed: ${(error as Error).message}`);
  }
}
