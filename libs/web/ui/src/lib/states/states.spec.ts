import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { ErrorState } from './error-state';

@Component({
  imports: [ErrorState],
  template: `<pw-error-state title="Could not load commitments" [message]="message()" (retry)="retries = retries + 1" />`,
})
class Host {
  readonly message = signal('The server did not answer.');
  retries = 0;
}

describe('ErrorState', () => {
  it('states the failure as an alert and retries on request', async () => {
    const fixture = TestBed.createComponent(Host);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();

    const element = (fixture.nativeElement as HTMLElement).querySelector('pw-error-state');
    expect(element?.getAttribute('role')).toBe('alert');
    expect(element?.textContent).toContain('Could not load commitments');
    expect(element?.textContent).toContain('The server did not answer.');

    await (await loader.getHarness(MatButtonHarness.with({ text: /Try again/ }))).click();
    expect(fixture.componentInstance.retries).toBe(1);
  });
});
