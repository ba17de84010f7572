/**
 * What a translation of a message tree must have: the same keys with any words, except that
 * where English has a plural pair (`x_one`, `x_other`) Russian has its four forms (`x_one`,
 * `x_few`, `x_many`, `x_other`: 1 контакт, 2 контакта, 5 контактов, 1,5 контакта), which
 * i18next picks with Intl.PluralRules when the call passes `count`.
 */
type PluralForm = 'one' | 'few' | 'many' | 'other';

export type Widen<T> = {
  [K in keyof T as K extends `${string}_${PluralForm}` ? never : K]: T[K] extends string ? string : Widen<T[K]>;
} & {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_${PluralForm}` : never]: string;
};
