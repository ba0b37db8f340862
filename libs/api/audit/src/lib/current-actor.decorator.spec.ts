import { SYSTEM_ACTOR } from './audit.service';
import { actorFromRequest } from './current-actor.decorator';

describe('actorFromRequest', () => {
  it('uses the signed-in user with their display name, role and the request id', () => {
    const actor = actorFromRequest({
      id: 'req-123456',
      user: { id: '6f1c1f9e-0000-4000-8000-000000000001', email: 'ana@example.org', displayName: 'Ana Analyst', role: 'analyst' },
    });
    expect(actor).toEqual({ id: '6f1c1f9e-0000-4000-8000-000000000001', label: 'Ana Analyst', requestId: 'req-123456', role: 'analyst' });
  });

  it('falls back to the email when the user has no display name', () => {
    expect(actorFromRequest({ id: 1, user: { id: 'u1', email: 'ana@example.org', displayName: '  ' } }).label).toBe('ana@example.org');
  });

  it('is the system actor when nobody is signed in, keeping the request id', () => {
    expect(actorFromRequest({ id: 'req-abcdefgh' })).toEqual({ ...SYSTEM_ACTOR, requestId: 'req-abcdefgh' });
    expect(actorFromRequest(undefined)).toEqual({ ...SYSTEM_ACTOR, requestId: undefined });
  });
});
