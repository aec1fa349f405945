import type { UserEntity } from '../entities/user.entity';

const disclosed = new WeakSet<UserEntity>();

/**
 * Marks a user object as returned to the person it belongs to before they hold a token for it
 * (sign-up, sign-in, email confirmation), so its email may be shown in that response.
 */
export function discloseTo<T extends UserEntity>(user: T): T {
  disclosed.add(user);
  return user;
}

export function isDisclosed(user: UserEntity): boolean {
  return disclosed.has(user);
}
