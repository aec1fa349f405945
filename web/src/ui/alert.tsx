import type { ReactNode } from 'react';

interface AlertProps {
  tone: 'error' | 'success' | 'info' | 'warning';
  title?: string;
  children?: ReactNode;
  actions?: ReactNode;
}

/** Errors interrupt (role=alert); everything else is announced politely. */
export function Alert({ tone, title, children, actions }: AlertProps): ReactNode {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <strong>{title} </strong> : null}
      {children}
      {actions ? <div className="alert__actions">{actions}</div> : null}
    </div>
  );
}
