import { type ReactNode, useId } from 'react';

interface CardProps {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}

/** A titled section; the heading names the region for assistive technology. */
export function Card({ title, children, actions }: CardProps): ReactNode {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card__header">
        <h2 className="card__title" id={headingId}>
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
