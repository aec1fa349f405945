import { describe, expect, it } from 'vitest';
import { createRootErrorReporter, ROOT_ERROR_REPORT_PATH } from './root-error-report';

function recorder(
  answer: () => Promise<unknown> = () => Promise.resolve(new Response(null, { status: 204 })),
) {
  const posts: Array<{ url: string; init: RequestInit }> = [];
  const report = createRootErrorReporter((url, init) => {
    posts.push({ url, init });
    return answer();
  });
  return { posts, report };
}

describe('createRootErrorReporter', () => {
  it('posts the error to the web server’s report route as JSON, the page as a path', () => {
    const { posts, report } = recorder();
    const error = new TypeError('layout failed');
    report(error, '/labs');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.url).toBe(ROOT_ERROR_REPORT_PATH);
    expect(posts[0]?.init).toEqual(
      expect.objectContaining({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        keepalive: true,
      }),
    );
    expect(JSON.parse(String(posts[0]?.init.body))).toEqual({
      errorName: 'TypeError',
      message: 'layout failed',
      stack: error.stack,
      page: '/labs',
    });
  });

  it('reports one error once, however often the page renders it, and a different error again', () => {
    const { posts, report } = recorder();
    const error = new Error('root layout threw');
    report(error, '/');
    report(error, '/');
    expect(posts).toHaveLength(1);
    report(new Error('another failure'), '/');
    expect(posts).toHaveLength(2);
  });

  it('never throws when the report cannot be sent', async () => {
    const { posts, report } = recorder(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(() => report(new Error('offline'), '/')).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(posts).toHaveLength(1);
  });
});
