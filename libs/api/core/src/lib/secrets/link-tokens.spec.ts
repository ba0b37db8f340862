import { hideLinkTokens } from './link-tokens';

describe('hideLinkTokens', () => {
  it('hides the token of every link, in text and in HTML, and keeps the rest of the link', () => {
    const text = 'Reset: https://p.example/reset-password?token=abc_DEF-123\nStop: https://p.example/api/unsubscribe?token=x.y.z';
    expect(hideLinkTokens(text)).toBe(
      'Reset: https://p.example/reset-password?token=(hidden)\nStop: https://p.example/api/unsubscribe?token=(hidden)',
    );
    const html =
      '<a href="https://p.example/accept-invitation?lang=en&amp;token=s3cr3t">Accept</a> <a href="https://p.example/x?token=t&amp;y=1">';
    expect(hideLinkTokens(html)).toBe(
      '<a href="https://p.example/accept-invitation?lang=en&amp;token=(hidden)">Accept</a> <a href="https://p.example/x?token=(hidden)&amp;y=1">',
    );
  });

  it('leaves text without link tokens alone', () => {
    const body = 'Your token budget: 3 tokens=fine; see https://p.example/commitments/AZ-US-2025-01?tab=history';
    expect(hideLinkTokens(body)).toBe(body);
  });
});
