import { limitHeapGrowth } from './heap-growth';

limitHeapGrowth(process.env);
