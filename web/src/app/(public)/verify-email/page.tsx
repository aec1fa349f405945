import type { Metadata } from 'next';
import { type ReactNode, Suspense } from 'react';
import { AuthFrame } from '@/features/auth/auth-frame';
import { VerifyEmail } from '@/features/auth/verify-email';

export const metadata: Metadata = { title: 'Confirm your email' };

export default function VerifyEmailPage(): ReactNode {
  return (
    <AuthFrame>
      <h1>Confirm your email</h1>
      <Suspense>
        <VerifyEmail />
      </Suspense>
    </AuthFrame>
  );
}
