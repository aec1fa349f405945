import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound(): ReactNode {
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Page not found</h1>
        <p>This address does not lead anywhere in HoloVitals.</p>
        <Link href="/dashboard">Go to your dashboard</Link>
      </div>
    </main>
  );
}
