import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { FormControl } from '@angular/forms';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { ianaTimeZones, matchTimeZones, TimeZoneField, utcOffset } from './time-zone-field';

describe('matchTimeZones', () => {
  const zones = ianaTimeZones();

  it('finds a zone by its city, with spaces for underscores, cities that start with the text first', () => {
    expect(matchTimeZones(zones, 'baku')[0]).toBe('Asia/Baku');
    expect(matchTimeZones(zones, 'new york')[0]).toBe('America/New_York');
    expect(matchTimeZones(zones, 'Asia/Ba')).toEqual(expect.arrayContaining(['Asia/Baku', 'Asia/Bangkok']));
    expect(matchTimeZones(zones, 'zzz')).toEqual([]);
  });

  it('offers UTC, and shows each zone with its offset on the day', () => {
    expect(zones).toContain('UTC');
    expect(utcOffset('Asia/Baku', new Date('2026-02-08T12:00:00Z'))).toBe('UTC+04:00');
    expect(utcOffset('UTC', new Date('2026-02-08T12:00:00Z'))).toBe('UTC');
  });
});

@Component({
  imports: [TimeZoneField],
  template: `<pw-time-zone-field [control]="control" hint="Deadlines end at midnight in this zone" />`,
})
class Host {
  readonly control = new FormControl('UTC', { nonNullable: true });
}

describe('TimeZoneField', () => {
  it('lists the zones matching what is typed and puts the chosen one in the control', async () => {
    const fixture = TestBed.createComponent(Host);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const field = await loader.getHarness(MatAutocompleteHarness);
    await field.clear();
    await field.enterText('bak');
    const options = await field.getOptions();
    expect(await options[0].getText()).toContain('Asia/Baku');
    expect(await options[0].getText()).toContain('UTC+04:00');
    await field.selectOption({ text: /Asia\/Baku/ });
    expect(fixture.componentInstance.control.value).toBe('Asia/Baku');
  });
});
