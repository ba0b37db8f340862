import { TestBed } from '@angular/core/testing';
import { DeadlineText } from './deadline-text';

describe('DeadlineText', () => {
  it('writes the due date, how far away it is and the explanation', async () => {
    const fixture = TestBed.createComponent(DeadlineText);
    fixture.componentRef.setInput('dueDate', '2026-02-08');
    fixture.componentRef.setInput('today', '2026-01-29');
    fixture.componentRef.setInput('text', '6 months after MoU signed (8 Aug 2025) → 8 Feb 2026');
    fixture.componentRef.setInput('explain', true);
    await fixture.whenStable();

    const text = (fixture.nativeElement as HTMLElement).textContent?.replace(/\s+/g, ' ');
    expect(text).toContain('8 Feb 2026 · in 10 days');
    expect(text).toContain('6 months after MoU signed (8 Aug 2025) → 8 Feb 2026');
  });

  it('says there is no due date when the anchor is pending', async () => {
    const fixture = TestBed.createComponent(DeadlineText);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('No due date');
  });
});
