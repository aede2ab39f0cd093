/** The parts of rdf-canonize's API, and of jsonld's browser build, used here (their files ship no declarations). */
declare module 'rdf-canonize' {
  export function canonize(
    input: unknown,
    options: { algorithm: 'RDFC-1.0'; maxWorkFactor?: number; format?: 'application/n-quads' },
  ): Promise<string>;
}

declare module 'jsonld/dist/jsonld.esm.min.js' {
  import jsonld from 'jsonld';
  export default jsonld;
}
