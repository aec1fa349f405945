import type { NextResponse } from 'next/server';

export const REFRESH_COOKIE = 'hv_refresh';
const REFRESH_COOKIE_PATH = '/api/auth';
// The session itself decides when the token stops working; the cookie only has to outlive it.
const REFRESH_COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** httpOnly so page scripts never see it; SameSite=Strict and path-scoped so only our auth routes receive it. */
export function setRefreshCookie(response: NextResponse, refreshToken: string, secure: boolean): void {
  response.cookies.set(REFRESH_COOKIE, refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: REFRESH_COOKIE_PATH,
    maxAge: REFRESH_COOKIE_MAX_AGE_SECONDS,
  });
}

export function clearRefreshCookie(response: NextResponse, secure: boolean): void {
  response.cookies.set(REFRESH_COOKIE, '', {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: REFRESH_COOKIE_PATH,
    maxAge: 0,
  });
}
