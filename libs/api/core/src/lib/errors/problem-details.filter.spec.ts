import { ArgumentsHost, Logger } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter';

function hostFor(url: string) {
  const reply = { sent: undefined as unknown, status: 0 };
  const fastifyReply = {
    header: () => fastifyReply,
    status: (status: number) => {
      reply.status = status;
      return fastifyReply;
    },
    send: (body: unknown) => {
      reply.sent = body;
      return fastifyReply;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1', method: 'GET', url }), getResponse: () => fastifyReply }),
  } as unknown as ArgumentsHost;
  return { host, reply };
}

describe('ProblemDetailsFilter', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs an unexpected error with the request URL, its API token hidden, and answers a bare 500', () => {
    const logged: string[] = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(String(message)));
    const { host, reply } = hostFor('/api/feeds/deadlines.ics?area=trade&token=pw_secretsecret');
    new ProblemDetailsFilter().catch(new Error('boom'), host);
    expect(reply.status).toBe(500);
    expect(JSON.stringify(reply.sent)).not.toContain('boom');
    expect(logged).toEqual(['GET /api/feeds/deadlines.ics?area=trade&token=(hidden) -> 500 [req-1]']);
  });
});
