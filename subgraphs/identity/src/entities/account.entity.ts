import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A way a user signs in: `credentials` (email + password) today, external identity providers later. */
@Entity({ name: 'account' })
@Index(['provider', 'providerAccountId'], { unique: true })
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  provider: string;

  @Column({ name: 'provider_account_id', type: 'text' })
  providerAccountId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
