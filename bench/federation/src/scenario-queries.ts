/** Four levels deep, through every subgraph (reviews → products → inventory's @requires → accounts). */
export const DEEP_QUERY = `query Deep {
  users {
    id
    username
    name
    reviews {
      id
      body
      product {
        upc
        name
        price
        weight
        inStock
        shippingEstimate
        reviews {
          id
          body
          author {
            id
            username
            name
            reviews {
              id
              body
              product {
                upc
                name
                inStock
              }
            }
          }
        }
      }
    }
  }
  topProducts {
    upc
    name
    price
    weight
    inStock
    shippingEstimate
  }
}`;

/** One subgraph only: what the gateway adds on top of the products subgraph. */
export const SMALL_QUERY = `query Small {
  topProducts {
    upc
    name
    price
  }
}`;

export const requestBody = (query: string): string => JSON.stringify({ query });
