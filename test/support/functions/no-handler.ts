/** Test module: loads fine but exports no `handler`. */
export const notTheHandler = (): string => 'wrong export';
