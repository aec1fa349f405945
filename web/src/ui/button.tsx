import type { ButtonHTMLAttributes, ReactNode } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  small?: boolean;
  busy?: boolean;
}

export function buttonClassName(variant: ButtonVariant = 'primary', small = false): string {
  return ['button', variant === 'primary' ? '' : `button--${variant}`, small ? 'button--small' : '']
    .filter(Boolean)
    .join(' ');
}

/** A button that stays announced as busy (and cannot be pressed twice) while its action runs. */
export function Button({ variant, small, busy, disabled, type, children, ...rest }: ButtonProps): ReactNode {
  return (
    <button
      {...rest}
      type={type ?? 'button'}
      className={buttonClassName(variant, small)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {children}
    </button>
  );
}
