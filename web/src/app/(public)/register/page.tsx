import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AuthFrame } from '@/features/auth/auth-frame';
import { RegisterForm } from '@/features/auth/register-form';

export const metadata: Metadata = { title: 'Create your account' };

export default function RegisterPage(): ReactNode {
  return (
    <AuthFrame>
      <RegisterForm />
    </AuthFrame>
  );
}
