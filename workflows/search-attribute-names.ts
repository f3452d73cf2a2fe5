/** Search attributes the product uses, as name=TYPE pairs (the dev server's `--search-attribute` flag, the compose setup). */
export const SEARCH_ATTRIBUTE_REGISTRATIONS: readonly string[] = [
  'AidProgram=Keyword',
  'AidStatus=Keyword',
  'AidOrgUnit=Keyword',
  'AidLevel=Int',
];
