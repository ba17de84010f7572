/** A message tree with every string widened: a translation must have the same keys, any words. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
