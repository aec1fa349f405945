/**
 * The scenario's data, generated the same way on every run so each gateway's answer can be compared
 * byte for byte. Sizes are chosen so the deep query fans out to about a hundred entities per request.
 */
export const USER_COUNT = 6;
export const PRODUCT_COUNT = 6;
export const REVIEWS_PER_USER = 2;

export interface BenchUser {
  id: string;
  name: string;
  username: string;
  birthDate: string;
}

export interface BenchProduct {
  upc: string;
  name: string;
  price: number;
  weight: number;
}

export interface BenchReview {
  id: string;
  body: string;
  authorId: string;
  productUpc: string;
}

export const users: BenchUser[] = Array.from({ length: USER_COUNT }, (_, i) => ({
  id: String(i + 1),
  name: `User ${i + 1}`,
  username: `user${i + 1}`,
  birthDate: new Date(Date.UTC(1970 + i, i % 12, 1 + i)).toISOString().slice(0, 10),
}));

export const products: BenchProduct[] = Array.from({ length: PRODUCT_COUNT }, (_, i) => ({
  upc: String(i + 1),
  name: `Product ${i + 1}`,
  price: 100 * (i + 1) + 99,
  weight: 10 * (i + 1),
}));

export const reviews: BenchReview[] = users.flatMap((user, u) =>
  Array.from({ length: REVIEWS_PER_USER }, (_, r) => {
    const n = u * REVIEWS_PER_USER + r + 1;
    return {
      id: String(n),
      body: `Review ${n} by ${user.username}`,
      authorId: user.id,
      productUpc: String(((u + r * 3) % PRODUCT_COUNT) + 1),
    };
  }),
);

/** In stock unless the upc is a multiple of three, so both branches of `inStock` appear. */
export const inStock = (upc: string): boolean => Number(upc) % 3 !== 0;
