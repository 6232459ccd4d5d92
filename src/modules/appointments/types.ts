/** Small shared types of the appointments module. */
export type LocalizedPair = { ja: string; en: string };
