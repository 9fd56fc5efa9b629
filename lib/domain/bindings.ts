// How a customer came to be bound to a program: by attribution of an event, or by the merchant's
// hand. The order is the Postgres enum's: append, never reorder.

export const BINDING_SOURCES = ['attribution', 'manual'] as const;
export type BindingSource = (typeof BINDING_SOURCES)[number];
