/** Search attributes the product uses, as name=TYPE pairs for `temporal server start-dev --search-attribute`. */
export const SEARCH_ATTRIBUTE_REGISTRATIONS: readonly string[] = [
  'AidProgram=Keyword',
  'AidStatus=Keyword',
  'AidOrgUnit=Keyword',
  'AidLevel=Int',
];
