import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { SimplePager } from './simple-pager';

@Component({
  imports: [SimplePager],
  template: `<pw-simple-pager [page]="page()" [pages]="3" [total]="52" noun="entries" (pageChange)="page.set($event)" />`,
})
class Host {
  readonly page = signal(1);
}

describe('SimplePager', () => {
  it('says where the reader is and moves one page at a time, never past either end', async () => {
    const fixture = TestBed.createComponent(Host);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const previous = await loader.getHarness(MatButtonHarness.with({ text: 'Previous' }));
    const next = await loader.getHarness(MatButtonHarness.with({ text: 'Next' }));
    expect(fixture.nativeElement.textContent).toContain('Page 1 of 3 · 52 entries');
    expect(await previous.isDisabled()).toBe(true);
    await next.click();
    await next.click();
    expect(fixture.componentInstance.page()).toBe(3);
    expect(await next.isDisabled()).toBe(true);
    await previous.click();
    expect(fixture.nativeElement.textContent).toContain('Page 2 of 3');
  });
});
