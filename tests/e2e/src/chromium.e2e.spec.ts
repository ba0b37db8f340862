import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { PACKAGED, resolveChromium, SYSTEM_CHROMIUM } from '../../support/chromium';

/** Runs `body` with CHROMIUM_PATH set to `value` (or unset), then puts it back. */
async function withChromiumPath<T>(value: string | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env['CHROMIUM_PATH'];
  if (value === undefined) delete process.env['CHROMIUM_PATH'];
  else process.env['CHROMIUM_PATH'] = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env['CHROMIUM_PATH'];
    else process.env['CHROMIUM_PATH'] = saved;
  }
}

describe('the Chromium the browser tests use', () => {
  it('is the packaged one with CHROMIUM_PATH=packaged, and it renders a page with no system browser involved', async () => {
    const resolved = await withChromiumPath(PACKAGED, resolveChromium);
    expect(resolved.source).toBe('packaged');
    expect(resolved.executablePath.startsWith(SYSTEM_CHROMIUM)).toBe(false);
    const browser = await chromium.launch({
      executablePath: resolved.executablePath,
      env: resolved.env,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await browser.newPage();
      await page.setContent('<p style="font-family: sans-serif">Strategic Partnership Charter</p>');
      expect(await page.locator('p').innerText()).toBe('Strategic Partnership Charter');
      expect(browser.version()).toMatch(/^147\./);
    } finally {
      await browser.close();
    }
  });

  it("is Debian's /usr/bin/chromium without CHROMIUM_PATH where that is installed, and the packaged one where not", async () => {
    const resolved = await withChromiumPath(undefined, resolveChromium);
    expect(resolved.source).toBe(existsSync(SYSTEM_CHROMIUM) ? 'system' : 'packaged');
  });

  it('is an error that names CHROMIUM_PATH when it points at no file, never a silent skip', async () => {
    await expect(withChromiumPath('/nonexistent/chromium', resolveChromium)).rejects.toThrow(
      'CHROMIUM_PATH=/nonexistent/chromium does not exist',
    );
  });
});
