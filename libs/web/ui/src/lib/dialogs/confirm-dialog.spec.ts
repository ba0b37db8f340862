import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { confirmAction } from './confirm-dialog';

@Component({ template: '' })
class Host {
  readonly dialog = inject(MatDialog);
}

describe('confirmAction', () => {
  async function open() {
    const fixture = TestBed.createComponent(Host);
    const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const answer = confirmAction(fixture.componentInstance.dialog, {
      title: 'Revoke the token “Outlook”?',
      message: 'Apps that use it stop working.',
      confirmLabel: 'Revoke token',
      destructive: true,
    });
    const dialog = await loader.getHarness(MatDialogHarness);
    return { answer, dialog };
  }

  it('asks the question as an alert dialog and resolves true when the action is confirmed', async () => {
    const { answer, dialog } = await open();
    expect(await dialog.getTitleText()).toBe('Revoke the token “Outlook”?');
    expect(await dialog.getRole()).toBe('alertdialog');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Revoke token' }))).click();
    await expect(answer).resolves.toBe(true);
  });

  it('resolves false when cancelled, and when closed with Escape', async () => {
    const first = await open();
    await (await first.dialog.getHarness(MatButtonHarness.with({ text: 'Cancel' }))).click();
    await expect(first.answer).resolves.toBe(false);

    const second = await open();
    await second.dialog.close();
    await expect(second.answer).resolves.toBe(false);
  });
});
