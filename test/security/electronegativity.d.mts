/** The HIGH findings of an electronegativity CSV report. */
export function highFindings(csv: string): { check: string; file: string; location: string }[];
